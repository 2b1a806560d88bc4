DROP INDEX idx_serials_company_status;
DROP TABLE serials;
