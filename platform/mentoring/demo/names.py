"""Names for demo people: mentees from abroad, mentors mostly Danish."""

MENTEE_FIRST = [
    "Priya", "Ana", "Wei", "Fatima", "Luca", "Sofia", "Mateo", "Aisha", "Yuki", "Olga",
    "Carlos", "Mei", "Elena", "Arjun", "Leila", "Tomás", "Nadia", "Hiroshi", "Camila", "Omar",
]
MENTEE_LAST = [
    "Sharma", "Oliveira", "Zhang", "Haddad", "Rossi", "Petrova", "García", "Khan", "Tanaka",
    "Kowalska", "Mendes", "Chen", "Popescu", "Iyer", "Farahani", "Silva", "Nowak", "Sato",
]
MENTOR_FIRST = [
    "Mette", "Lars", "Anne", "Søren", "Camilla", "Jens", "Louise", "Mikkel", "Pernille",
    "Rasmus", "Sanne", "Henrik", "Karen", "Anders", "Ida", "Thomas", "Birgitte", "Jonas",
]
MENTOR_LAST = [
    "Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen",
    "Sørensen", "Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen",
]


def person_name(first: list[str], last: list[str], index: int) -> str:
    """A stable, varied name for the ``index``-th person of a list."""
    return f"{first[index % len(first)]} {last[(index * 7 + index // len(first)) % len(last)]}"
