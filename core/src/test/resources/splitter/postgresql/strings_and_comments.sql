-- leading comment; with a semicolon
CREATE TABLE "weird;name" (id int, note text DEFAULT 'it''s; fine');
/* block /* nested; */ still comment; */
INSERT INTO "weird;name" VALUES (1, E'back\'slash; quote');
SELECT 'a' -- trailing; comment
  , 'b';
