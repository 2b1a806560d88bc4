-- liquibase formatted sql

--changeset alice:1
CREATE TABLE teams (id INT PRIMARY KEY);
--rollback DROP TABLE teams;

--changeset bob:2
CREATE TABLE users (id INT PRIMARY KEY)
-- changeset bob:3 splitStatements:true
SELECT 1 -- a comment stays
;
