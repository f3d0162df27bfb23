"""Every tenant-scoped lookup has an index (PostgreSQL).

The catalogue check: every foreign key of a tenant-owned table, and every
table's ``tenant_id``, leads some index (``x`` or ``(tenant_id, x)``). The plan
check: after a few thousand rows and ``ANALYZE`` (never ``enable_seqscan =
off``), the main lookups' plans use an index.
"""

import json

from sqlalchemy import text

from tests.conftest import TEST_DATABASE_URL, _as_city, require

INDEXES = text(
    """
    SELECT i.indrelid::regclass::text AS tbl,
           array(SELECT a.attname::text FROM unnest(i.indkey::int2[])
                 WITH ORDINALITY k(n, o) JOIN pg_attribute a
                 ON a.attrelid = i.indrelid AND a.attnum = k.n ORDER BY k.o) AS cols
    FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
    WHERE c.relnamespace = 'public'::regnamespace
    """
)
FOREIGN_KEYS = text(
    """
    SELECT c.conrelid::regclass::text AS tbl,
           array(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, o)
                 JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n
                 WHERE a.attname <> 'tenant_id' ORDER BY k.o) AS cols
    FROM pg_constraint c
    WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
    """
)
TENANT_TABLES = text(
    "SELECT table_name FROM information_schema.columns"
    " WHERE table_schema = 'public' AND column_name = 'tenant_id'"
)


def _leads(index: list[str], columns: list[str]) -> bool:
    n = len(columns)
    return index[:n] == columns or index[: n + 1] == ["tenant_id", *columns]


def test_every_tenant_scoped_lookup_has_an_index(app, connection):
    require(bool(TEST_DATABASE_URL), "needs PostgreSQL (TEST_DATABASE_URL)")
    indexes: dict[str, list[list[str]]] = {}
    for table, columns in connection.execute(INDEXES):
        indexes.setdefault(table, []).append(columns)
    tenant_tables = set(connection.scalars(TENANT_TABLES)) - {"tenants"}
    assert len(tenant_tables) > 20
    missing = [
        (table, columns)
        for table, columns in connection.execute(FOREIGN_KEYS)
        if table in tenant_tables
        and columns
        and not any(_leads(index, columns) for index in indexes.get(table, []))
    ]
    missing += [
        (table, ["tenant_id"])
        for table in tenant_tables
        if not any(index[0] == "tenant_id" for index in indexes.get(table, []))
    ]
    assert missing == []


def _seed_thousands(conn, city_id) -> dict[str, str]:
    """3,000 people in 30 cohorts of one city, and ANALYZE. Plain SQL on the
    test's connection (row-level security still applies), for speed."""
    stamp = "now(), now()"
    params = {"t": str(city_id)}
    conn.execute(
        text(
            "INSERT INTO cohorts (id, tenant_id, name, starts_on, ends_on, status,"
            " mentee_capacity, mentor_capacity, created_at, updated_at)"
            " SELECT gen_random_uuid(), :t, 'Load ' || n, current_date,"
            f" current_date + 120, 'closed', 50, 50, {stamp}"
            " FROM generate_series(1, 30) n"
        ),
        params,
    )
    conn.execute(
        text(
            "INSERT INTO users (id, tenant_id, role, email, full_name, active,"
            " created_at, updated_at) SELECT gen_random_uuid(), :t, 'mentee',"
            f" 'load' || n || '@example.org', 'Load ' || n, true, {stamp}"
            " FROM generate_series(1, 3000) n"
        ),
        params,
    )
    conn.execute(
        text(
            "INSERT INTO participants (id, tenant_id, cohort_id, user_id, role,"
            " created_at, updated_at)"
            " SELECT gen_random_uuid(), :t, c.id, u.id, 'mentee', now(), now()"
            " FROM (SELECT id, row_number() OVER (ORDER BY id) % 30 AS k FROM users"
            "       WHERE email LIKE 'load%') u"
            " JOIN (SELECT id, row_number() OVER (ORDER BY id) % 30 AS k FROM cohorts"
            "       WHERE name LIKE 'Load %') c ON c.k = u.k"
        ),
        params,
    )
    for table in ("cohorts", "users", "participants"):
        conn.execute(text(f"ANALYZE {table}"))
    cohort = conn.scalar(text("SELECT id FROM cohorts WHERE name = 'Load 7'"))
    return {"t": str(city_id), "cohort": str(cohort), "email": "load77@example.org"}


def _nodes(plan: dict) -> list[str]:
    return [plan["Node Type"]] + [n for p in plan.get("Plans", []) for n in _nodes(p)]


MAIN_QUERIES = {
    "sign-in: the city's account by e-mail": "SELECT * FROM users"
    " WHERE tenant_id = :t AND email = :email",
    "cohort page: the cohort's participants": "SELECT * FROM participants"
    " WHERE tenant_id = :t AND cohort_id = :cohort",
    "people page: a person's cohorts": "SELECT p.* FROM participants p"
    " JOIN users u ON u.tenant_id = p.tenant_id AND u.id = p.user_id"
    " WHERE p.tenant_id = :t AND u.email = :email",
}
INDEXED = {"Index Scan", "Index Only Scan", "Bitmap Index Scan"}


def test_the_main_queries_use_an_index_on_thousands_of_rows(connection, city_a):
    require(bool(TEST_DATABASE_URL), "needs PostgreSQL (TEST_DATABASE_URL)")
    _as_city(connection, str(city_a.id))  # the test's own connection, as the city
    params = _seed_thousands(connection, city_a.id)
    plans = {
        name: connection.scalar(text(f"EXPLAIN (FORMAT JSON) {sql}"), params)
        for name, sql in MAIN_QUERIES.items()
    }
    for name, plan in plans.items():
        plan = plan if isinstance(plan, list) else json.loads(plan)
        nodes = _nodes(plan[0]["Plan"])
        assert INDEXED & set(nodes), (name, nodes)
        assert "Seq Scan" not in nodes, (name, nodes)
