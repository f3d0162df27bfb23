"""Names for demo people: mentees from abroad, mentors mostly Danish."""

MENTEE_FIRST = [
    "Priya",
    "Ana",
    "Wei",
    "Fatima",
    "Luca",
    "Sofia",
    "Mateo",
    "Aisha",
    "Yuki",
    "Olga",
    "Carlos",
    "Mei",
    "Elena",
    "Arjun",
    "Leila",
    "Tomás",
    "Nadia",
    "Hiroshi",
    "Camila",
    "Omar",
]
MENTEE_LAST = [
    "Sharma",
    "Oliveira",
    "Zhang",
    "Haddad",
    "Rossi",
    "Petrova",
    "García",
    "Khan",
    "Tanaka",
    "Kowalska",
    "Mendes",
    "Chen",
    "Popescu",
    "Iyer",
    "Farahani",
    "Silva",
    "Nowak",
    "Sato",
]
MENTOR_FIRST = [
    "Mette",
    "Lars",
    "Anne",
    "Søren",
    "Camilla",
    "Jens",
    "Louise",
    "Mikkel",
    "Pernille",
    "Rasmus",
    "Sanne",
    "Henrik",
    "Karen",
    "Anders",
    "Ida",
    "Thomas",
    "Birgitte",
    "Jonas",
]
MENTOR_LAST = [
    "Jensen",
    "Nielsen",
    "Hansen",
    "Pedersen",
    "Andersen",
    "Christensen",
    "Larsen",
    "Sørensen",
    "Rasmussen",
    "Jørgensen",
    "Petersen",
    "Madsen",
    "Kristensen",
    "Olsen",
]


def person_name(first: list[str], last: list[str], index: int) -> str:
    """A stable name for the ``index``-th person; no repeats in the first 120."""
    surname = last[(index + index // len(first)) % len(last)]
    return f"{first[index % len(first)]} {surname}"


# Where each city holds its events: the town hall, the main library and a third
# place (a university or business venue; DTU for Lyngby-Taarbæk). Demo content,
# stored as is: a place name reads the same in both languages.
VENUES: dict[str, tuple[str, str, str]] = {
    "lyngby-taarbaek": (
        "Lyngby Rådhus, Lyngby Torv 17, 2800 Kongens Lyngby",
        "Stadsbiblioteket Lyngby, Lyngby Hovedgade 28, 2800 Kongens Lyngby",
        "DTU Skylab, Centrifugevej 374, 2800 Kongens Lyngby",
    ),
    "aarhus": (
        "Aarhus Rådhus, Rådhuspladsen 2, 8000 Aarhus C",
        "Dokk1, Hack Kampmanns Plads 2, 8000 Aarhus C",
        "Aarhus Universitet, Nordre Ringgade 1, 8000 Aarhus C",
    ),
    "odense": (
        "Odense Rådhus, Flakhaven 2, 5000 Odense C",
        "Odense Hovedbibliotek, Østre Stationsvej 15, 5000 Odense C",
        "Syddansk Universitet, Campusvej 55, 5230 Odense M",
    ),
    "aalborg": (
        "Aalborg Rådhus, Gammeltorv 2, 9000 Aalborg",
        "Aalborg Hovedbibliotek, Rendsburggade 2, 9000 Aalborg",
        "Aalborg Universitet, Fredrik Bajers Vej 5, 9220 Aalborg Øst",
    ),
    "esbjerg": (
        "Esbjerg Rådhus, Torvegade 74, 6700 Esbjerg",
        "Esbjerg Hovedbibliotek, Nørregade 19, 6700 Esbjerg",
        "Syddansk Universitet Esbjerg, Degnevej 14, 6705 Esbjerg Ø",
    ),
    "sonderborg": (
        "Sønderborg Rådhus, Rådhustorvet 10, 6400 Sønderborg",
        "Sønderborg Bibliotek, Kongevej 28, 6400 Sønderborg",
        "Alsion, Alsion 2, 6400 Sønderborg",
    ),
    "kalundborg": (
        "Kalundborg Rådhus, Holbækvej 141B, 4400 Kalundborg",
        "Kalundborg Bibliotek, Klosterparkvej 2, 4400 Kalundborg",
        "Kalundborg Symbiose Center, 4400 Kalundborg",
    ),
    "billund": (
        "Billund Rådhus, Jorden Rundt 1, 7190 Billund",
        "Billund Bibliotek, Jorden Rundt 3, 7190 Billund",
        "LEGO House, Ole Kirks Plads 1, 7190 Billund",
    ),
}
# Which of the three places each programme step uses: the mentors' evenings at
# the town hall, workshops at the library, the big events at the third place.
VENUE_OF_STEP = {
    "mentor_course": 0,
    "career_workshop": 1,
    "kickoff": 2,
    "midway": 1,
    "interview_session": 2,
    "closing": 0,
    "mentor_workshop": 0,
}


def venues(slug: str, town: str) -> tuple[str, str, str]:
    """The city's places; a generated load-test city gets generic ones."""
    return VENUES.get(
        slug,
        (f"Rådhuset, {town}", f"Hovedbiblioteket, {town}", f"Erhvervshuset, {town}"),
    )


def venue_for(slug: str, town: str, step_kind: str) -> str:
    """Where a step of this kind takes place in the city (any unknown kind: the
    town hall)."""
    return venues(slug, town)[VENUE_OF_STEP.get(step_kind, 0)]
