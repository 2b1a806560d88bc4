CREATE PROCEDURE grade(IN score INT, OUT result VARCHAR(10))
BEGIN
  DECLARE bonus INT DEFAULT 0;
  IF score > 90 THEN
    SET result = 'A';
  ELSEIF score > 80 THEN
    SET result = CASE WHEN bonus > 0 THEN 'A-' ELSE 'B' END;
  ELSE
    CASE score WHEN 0 THEN SET result = 'none'; ELSE SET result = 'C'; END CASE;
  END IF;
  WHILE bonus < 3 DO
    SET bonus = bonus + 1;
  END WHILE;
END;
SELECT 'after';
