#!/usr/bin/env bash
# Captures real psql output of EXPLAIN in every paste style the plan reader takes, from Debian's
# PostgreSQL 15 and its psql on a throwaway server, into Tests/PGTriageCoreTests/PasteFixtures.swift.
# Each fixture names its twin (the same plan as EXPLAIN's JSON, from `psql -At`): a test reads both
# and expects the same tree. Run again after changing what is captured; idempotent.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin=/usr/lib/postgresql/15/bin
out="$repo/Tests/PGTriageCoreTests/PasteFixtures.swift"
[[ -x $bin/initdb ]] || { echo "capture: Debian's PostgreSQL 15 is not installed (scripts/setup.sh)"; exit 1; }

work="$(mktemp -d /tmp/pgtriage-paste-XXXXXX)"
chmod 755 "$work"
as_pg=()
if [[ $(id -u) -eq 0 ]]; then chown postgres "$work"; as_pg=(setpriv --reuid=postgres --regid=postgres --init-groups); fi
port=$((20000 + RANDOM % 20000))
cleanup() { "${as_pg[@]}" "$bin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
"${as_pg[@]}" "$bin/initdb" -D "$work/data" -A trust -U postgres >/dev/null
"${as_pg[@]}" "$bin/pg_ctl" -D "$work/data" -l "$work/log" -w \
    -o "-p $port -k $work -c listen_addresses= -c fsync=off -c log_line_prefix='%m [%p] '" start >/dev/null
psql=(psql -X -q -h "$work" -p "$port" -U postgres -d postgres)

"${psql[@]}" <<'SQL'
CREATE TABLE t (id int PRIMARY KEY, status text NOT NULL, created timestamptz NOT NULL);
INSERT INTO t SELECT g, CASE WHEN g % 1000 = 0 THEN 'late' ELSE 'ok' || (g % 50) END,
                     '2026-01-01'::timestamptz + g * interval '1 minute' FROM generate_series(1, 100000) g;
CREATE TABLE c (id int PRIMARY KEY, region text NOT NULL);
INSERT INTO c SELECT g, (ARRAY['eu','us'])[1 + g % 2] FROM generate_series(1, 1000) g;
CREATE TABLE parent (id int PRIMARY KEY, note text);
CREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent ON DELETE CASCADE, note text);
INSERT INTO parent SELECT g, 'p' FROM generate_series(1, 100) g;
INSERT INTO child SELECT g, 1 + g % 100, 'c' FROM generate_series(1, 1000) g;
CREATE TABLE log_a (id int, note text);
CREATE TABLE log_b (id int, note text);
CREATE RULE log_a_copy AS ON INSERT TO log_a DO ALSO INSERT INTO log_b VALUES (NEW.id, NEW.note || ' copy');
ANALYZE;
SQL

query="SELECT count(*) FROM t JOIN c ON c.id = t.id WHERE t.status = 'late' AND c.region = 'eu'"
rules="INSERT INTO log_a SELECT g, 'x' FROM generate_series(1, 10) g"
names=() twins=() files=()
add() { names+=("$1"); twins+=("$2"); files+=("$work/$1"); }

"${psql[@]}" -At -c "EXPLAIN (FORMAT JSON) $query" > "$work/json"; add json json
"${psql[@]}" -At -c "EXPLAIN (FORMAT JSON) $rules" > "$work/rules_json"; add rules_json rules_json
# psql output: (\pset settings separated by ~, name) for the text and the JSON format alike.
styles=(
    "\pset border 0|border0_ascii" "\pset border 1|border1_ascii" "\pset border 2|border2_ascii"
    "\pset border 0~\pset linestyle old-ascii|border0_oldascii" "\pset linestyle old-ascii|border1_oldascii"
    "\pset border 2~\pset linestyle old-ascii|border2_oldascii"
    "\pset border 0~\pset linestyle unicode|border0_unicode" "\pset linestyle unicode|border1_unicode"
    "\pset border 2~\pset linestyle unicode|border2_unicode"
    "\x on|expanded_ascii" "\x on~\pset border 2~\pset linestyle unicode|expanded_border2_unicode"
    "\x on~\pset border 0|expanded_border0" "\x on~\pset border 2~\pset linestyle old-ascii|expanded_border2_oldascii"
    "\pset format wrapped~\pset columns 44|wrapped_ascii"
    "\pset format wrapped~\pset columns 44~\pset border 2~\pset linestyle unicode|wrapped_border2_unicode"
    "\pset format wrapped~\pset columns 44~\pset border 0|wrapped_border0_ascii"
    "\pset format unaligned|unaligned" "\pset format csv|csv"
)
for style in "${styles[@]}"; do
    settings="${style%%|*}" name="${style##*|}"
    meta="${settings//\~/$'\n'}"
    printf '%s\nEXPLAIN %s;\n' "$meta" "$query" | "${psql[@]}" > "$work/text_$name"; add "text_$name" json
    printf '%s\nEXPLAIN (FORMAT JSON) %s;\n' "$meta" "$query" | "${psql[@]}" > "$work/json_$name"; add "json_$name" json
done
# The prompt and the echoed statement around the table (psql -e shows the statement).
printf 'EXPLAIN %s;\n' "$query" | "${psql[@]}" -e > "$work/text_echo"; add text_echo json
# With outer borders the echoed statement sits right above the table's top rule.
printf '\\pset border 2\nEXPLAIN %s;\n' "$query" | "${psql[@]}" -e > "$work/text_echo_border2_ascii"; add text_echo_border2_ascii json
printf '\\pset border 2\n\\pset linestyle unicode\nEXPLAIN %s;\n' "$query" | "${psql[@]}" -e > "$work/text_echo_border2_unicode"; add text_echo_border2_unicode json
{ printf 'postgres=# EXPLAIN SELECT count(*) FROM t JOIN c ON c.id = t.id\npostgres-# WHERE t.status = '"'late'"' AND c.region = '"'eu'"';\n'
  "${psql[@]}" -c "EXPLAIN $query"; printf 'postgres=# \n'; } > "$work/text_prompt"; add text_prompt json
# Another column title: a function returning EXPLAIN's lines.
"${psql[@]}" -c "CREATE FUNCTION plan_of(q text) RETURNS SETOF text LANGUAGE plpgsql AS \$\$ DECLARE l text; BEGIN FOR l IN EXECUTE 'EXPLAIN ' || q LOOP RETURN NEXT l; END LOOP; END \$\$"
"${psql[@]}" -c "SELECT plan_of(\$q\$$query\$q\$) AS \"Plan\"" > "$work/text_other_title"; add text_other_title json
# Quoted lines, as pgAdmin and DBeaver copy them (every line in quotes, quotes doubled inside).
"${psql[@]}" -At -c "EXPLAIN $query" | sed 's/"/""/g; s/^/"/; s/$/"/' > "$work/text_double_quoted"; add text_double_quoted json
"${psql[@]}" -At -c "EXPLAIN $query" | sed "s/'/''/g; s/^/'/; s/\$/'/" > "$work/text_single_quoted"; add text_single_quoted json
# EXPLAIN's other formats.
"${psql[@]}" -At -c "EXPLAIN (FORMAT YAML) $query" > "$work/yaml"; add yaml json
"${psql[@]}" -At -c "EXPLAIN (FORMAT XML) $query" > "$work/xml"; add xml json
"${psql[@]}" -c "EXPLAIN (FORMAT YAML) $query" > "$work/yaml_psql"; add yaml_psql json
# Several plans in one paste: a rule makes two statements.
"${psql[@]}" -c "EXPLAIN $rules" > "$work/rules_text"; add rules_text rules_json
"${psql[@]}" -c "EXPLAIN (FORMAT JSON) $rules" > "$work/rules_json_psql"; add rules_json_psql rules_json
"${psql[@]}" -c "EXPLAIN (FORMAT XML) $rules" > "$work/rules_xml_psql"; add rules_xml_psql rules_json
# auto_explain under common log_line_prefix settings, with the nested statement of an FK action.
prefixes=('%m [%p] ' '%m [%p] %q%u@%d ' '%t [%p]: [%l-1] user=%u,db=%d,app=%a,client=%h ' '%t [%p]: user=%u,db=%d ')
n=0
for prefix in "${prefixes[@]}"; do
    n=$((n + 1))
    "${psql[@]}" -c "ALTER SYSTEM SET log_line_prefix = '$prefix'" -c "SELECT pg_reload_conf()" >/dev/null
    sleep 0.3
    for format in json text; do
        start=$(stat -c %s "$work/log")
        "${psql[@]}" >/dev/null <<SQL
LOAD 'auto_explain';
SET auto_explain.log_min_duration = 0;
SET auto_explain.log_nested_statements = on;
SET auto_explain.log_format = '$format';
BEGIN;
DELETE FROM parent WHERE id = 7;
ROLLBACK;
SQL
        sleep 0.3
        tail -c +$((start + 1)) "$work/log" > "$work/log${n}_$format"
        if [[ $format == json ]]; then add "log${n}_json" "log${n}_json"; else add "log${n}_text" "log${n}_json"; fi
    done
done

{
    echo "// Generated by scripts/capture-paste-fixtures.sh from Debian's PostgreSQL 15 and psql: do not edit."
    echo "// Each fixture: (name, the name of its twin, the text as psql or the server log gave it)."
    echo ""
    echo "enum PasteFixtures {"
    echo "    static let all: [(name: String, twin: String, text: String)] = ["
    for i in "${!names[@]}"; do
        echo "        (\"${names[$i]}\", \"${twins[$i]}\", #\"\"\""
        cat "${files[$i]}"
        echo "\"\"\"#),"
    done
    echo "    ]"
    echo ""
    echo "    static func named(_ name: String) -> String { all.first { \$0.name == name }!.text }"
    echo "}"
} > "$out"
echo "capture: ${#names[@]} fixtures in $out"
