-- Assertions: a query and what it must return. They only read.

-- check: settings-name-the-tenant
-- expect: rows 1
SELECT setting FROM settings WHERE name = 'tenant';

-- check: no-serial-without-company
-- expect: empty
SELECT s.id FROM serials s LEFT JOIN companies c ON c.id = s.company_id WHERE c.id IS NULL;
