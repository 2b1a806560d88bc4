CREATE TABLE "My;Table" (id INT, note VARCHAR(20) DEFAULT 'a''b;c');
INSERT INTO "My;Table" VALUES (1, 'x');
