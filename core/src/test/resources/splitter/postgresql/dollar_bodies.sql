CREATE FUNCTION f() RETURNS text AS $$
BEGIN
  RETURN 'x;y';
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION g() RETURNS void AS $outer$
BEGIN
  EXECUTE $inner$ SELECT 1; $inner$;
END
$outer$ LANGUAGE plpgsql;
DO $$ BEGIN RAISE NOTICE 'done;'; END $$;
SELECT $1, a$b$c FROM t;
