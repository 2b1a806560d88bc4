-- procedures below
# hash comment; too
DELIMITER $$
CREATE PROCEDURE p()
BEGIN
  SELECT 1;
  SELECT 2;
END $$
DELIMITER ;
CALL p();
