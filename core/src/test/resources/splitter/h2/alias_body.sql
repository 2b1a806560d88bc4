CREATE ALIAS greet AS $$
String greet(String name) {
    return "hello; " + name; // not a statement end
}
$$;
// an H2 line comment; with a semicolon
SELECT greet('x');
