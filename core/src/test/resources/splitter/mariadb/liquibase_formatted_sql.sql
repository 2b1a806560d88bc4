--liquibase formatted sql

--changeset alice:1
CREATE TABLE teams (id INT PRIMARY KEY);
--rollback DROP TABLE teams;

  --changeset bob:2 runOnChange:true
--comment: a team's users
--preconditions onFail:MARK_RAN
--precondition-sql-check expectedResult:0 SELECT COUNT(*) FROM users
CREATE TABLE users (id INT PRIMARY KEY, team_id INT)
--changeset bob:3
SELECT 1
--1;
--ROLLBACK SELECT 2;
