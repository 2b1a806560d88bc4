CREATE TABLE t (id int);
CREATE INDEX CONCURRENTLY idx_t ON t (id);
create unique index
  concurrently idx_t2 on t (id);
ALTER TYPE mood ADD VALUE 'happy';
VACUUM t;
CREATE INDEX idx_t3 ON t (id);
