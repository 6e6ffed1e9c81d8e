import Foundation
import Testing
@testable import PGTriageCore

/// Passwords never reach the screen, `snapshot` or the audit log: each form a query text can
/// carry one in.
@Suite struct SecretRedactionTests {
    @Test(arguments: [
        ("CREATE ROLE app LOGIN PASSWORD 'hunter2'", "CREATE ROLE app LOGIN PASSWORD '***'"),
        ("alter role app with encrypted password 'hunter2' valid until '2030-01-01'",
         "alter role app with encrypted password '***' valid until '2030-01-01'"),
        ("ALTER USER app UNENCRYPTED PASSWORD 'hunter2'", "ALTER USER app UNENCRYPTED PASSWORD '***'"),
        ("CREATE ROLE app PASSWORD E'hun\\'ter2'", "CREATE ROLE app PASSWORD E'***'"),
        ("CREATE ROLE app PASSWORD 'it''s secret'", "CREATE ROLE app PASSWORD '***'"),
        ("CREATE ROLE app PASSWORD $$hunter2$$", "CREATE ROLE app PASSWORD $$***$$"),
        ("CREATE ROLE app PASSWORD $pw$hunter2$pw$", "CREATE ROLE app PASSWORD $pw$***$pw$"),
        ("CREATE USER MAPPING FOR app SERVER remote OPTIONS (user 'bob', password 'hunter2')",
         "CREATE USER MAPPING FOR app SERVER remote OPTIONS (user 'bob', password '***')"),
        ("ALTER USER MAPPING FOR app SERVER remote OPTIONS (SET password 'hunter2')",
         "ALTER USER MAPPING FOR app SERVER remote OPTIONS (SET password '***')"),
        ("SELECT dblink_connect('c1', 'host=db2 dbname=x user=bob password=hunter2 sslmode=require')",
         "SELECT dblink_connect('c1', 'host=db2 dbname=x user=bob password=*** sslmode=require')"),
        ("SELECT * FROM dblink('password = ''hunter 2'' host=db2', 'select 1') AS t(x int)",
         "SELECT * FROM dblink('password = *** host=db2', 'select 1') AS t(x int)"),
        ("SELECT dblink_connect('postgresql://bob:hunter2@db2/x')", "SELECT dblink_connect('postgresql://bob:***@db2/x')"),
    ])
    func secretsAreMasked(sql: String, shown: String) {
        let redacted = SecretRedaction.redact(sql)
        #expect(redacted == shown)
        #expect(!redacted.contains("hunter"))
    }

    @Test func aTextCutInsideTheLiteralIsMaskedToItsEnd() {
        #expect(SecretRedaction.redact("CREATE ROLE app PASSWORD 'hunt") == "CREATE ROLE app PASSWORD '***")
        #expect(SecretRedaction.redact("SELECT dblink_connect('host=x password=hun") == "SELECT dblink_connect('host=x password=***")
    }

    @Test func textsWithoutSecretsAreLeftAlone() {
        for sql in [
            "SELECT * FROM accounts WHERE id = $1",
            "SET password_encryption = 'scram-sha-256'",
            "SELECT 'password' AS word, \"password\" FROM t",
            "UPDATE users SET password_hash = $1 WHERE id = $2",
            "ALTER ROLE app PASSWORD NULL",
            "-- password 'x' in a comment, no literal after the word\nSELECT 1",
        ] {
            #expect(SecretRedaction.redact(sql) == sql, "\(sql)")
        }
    }
}

/// JSON goes to terminals too: C1 controls, line separators and bidirectional overrides are
/// written as escapes, and the JSON still reads back to the same text.
@Suite struct JSONTerminalSafetyTests {
    @Test func controlsThatTerminalsActOnAreEscaped() throws {
        let hostile = "a\u{9B}2Jb\u{202E}c\u{2028}d\u{1B}]0;x\u{07}e\u{85}f"
        let json = try JSONValue.object([("q", .string(hostile))]).encoded(pretty: false)
        #expect(!json.unicodeScalars.contains { (0x7F...0x9F).contains($0.value) || $0.value == 0x202E || $0.value == 0x2028 || $0.value < 0x20 })
        #expect(json.contains("\\u009b") && json.contains("\\u202e") && json.contains("\\u2028") && json.contains("\\u0085"))
        let decoded = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: String]
        #expect(decoded?["q"] == hostile)
    }
}
