INSERT INTO t VALUES ('it\'s; escaped', "double \"quoted\"; string", `back;tick`);
SELECT 1 --x
  FROM dual;
SELECT 2; -- comment after
/*!40101 SET NAMES utf8mb4 */;
/*M!100100 SET @x = 1; */;
SELECT 'a\\';
