CREATE TABLE "open (id INT);
