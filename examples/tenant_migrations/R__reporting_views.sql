-- Repeatable: re-run whenever this file changes.
DROP VIEW IF EXISTS serial_summary;
CREATE VIEW serial_summary AS
    SELECT c.code AS company, s.status, COUNT(*) AS serials
    FROM companies c JOIN serials s ON s.company_id = c.id
    GROUP BY c.code, s.status;
