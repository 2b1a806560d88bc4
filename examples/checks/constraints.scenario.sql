-- Seed 001's constraint checks, as scenarios. Each runs in a transaction that is always rolled back, so it
-- never changes a tenant's data; expected errors are matched by kind, so the file works on every dialect.

-- scenario: deleting a company deletes its serials (ON DELETE CASCADE)
INSERT INTO companies (id, code, name) VALUES (990001, 'flotilla-check', 'Flotilla check');
INSERT INTO serials (id, company_id, serial_no) VALUES (990001, 990001, 'CHECK-1');
DELETE FROM companies WHERE id = 990001;
-- expect: value 0
SELECT COUNT(*) FROM serials WHERE company_id = 990001;

-- scenario: a serial needs a company (NOT NULL)
-- expect: error not-null
INSERT INTO serials (id, serial_no) VALUES (990002, 'CHECK-2');

-- scenario: a serial's company must exist (foreign key)
-- expect: error foreign-key
INSERT INTO serials (id, company_id, serial_no) VALUES (990003, 987654321, 'CHECK-3');
