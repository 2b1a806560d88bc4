package dev.flotilla.tenancy;

import java.util.ArrayList;
import java.util.List;

/**
 * A 32-table point-of-sale schema in the spirit of seed 003 (stores, users, customers, products, sales, work
 * orders, ...) with data, written for each dialect: integer keys, foreign keys with CASCADE and RESTRICT, a self
 * reference, unique constraints (one column-level, the rest table-level), a composite primary
 * key, one table ({@code settings}) shared by all tenants, and a view over two tables.
 */
final class PosSchema {
    static final int ROWS_PER_TABLE = 5;
    static final String SHARED_TABLE = "settings";

    /** {@code name type [pk] [unique] [-> table [rule]]}, in a column list per table, parents before children. */
    private static final String[][] TABLES = {
            {"stores", "id pk", "code text unique", "name text"},
            {"stations", "id pk", "store_id int -> stores cascade", "label text"},
            {"roles", "id pk", "name text"},
            {"users", "id pk", "store_id int -> stores cascade", "username text uniquekey", "full_name text"},
            {"user_roles", "user_id int pk -> users cascade", "role_id int pk -> roles cascade"},
            {"customers", "id pk", "store_id int -> stores cascade", "email text uniquekey", "name text"},
            {"customer_notes", "id pk", "customer_id int -> customers cascade", "body text"},
            {"vehicles", "id pk", "customer_id int -> customers cascade", "vin text uniquekey"},
            {"categories", "id pk", "parent_id int -> categories restrict", "name text"},
            {"suppliers", "id pk", "name text"},
            {"products", "id pk", "category_id int -> categories restrict", "supplier_id int -> suppliers restrict",
                    "sku text uniquekey", "name text"},
            {"vehicle_fitment", "id pk", "product_id int -> products cascade", "vehicle_id int -> vehicles cascade"},
            {"inventory", "id pk", "product_id int -> products cascade", "store_id int -> stores cascade", "quantity int"},
            {"stock_movements", "id pk", "product_id int -> products cascade", "quantity int"},
            {"purchase_orders", "id pk", "supplier_id int -> suppliers restrict", "number text"},
            {"purchase_order_lines", "id pk", "purchase_order_id int -> purchase_orders cascade",
                    "product_id int -> products restrict", "quantity int"},
            {"sales", "id pk", "store_id int -> stores restrict", "customer_id int -> customers restrict", "total int"},
            {"sale_lines", "id pk", "sale_id int -> sales cascade", "product_id int -> products restrict", "quantity int"},
            {"payments", "id pk", "sale_id int -> sales cascade", "amount int"},
            {"refunds", "id pk", "payment_id int -> payments cascade", "amount int"},
            {"layaways", "id pk", "customer_id int -> customers cascade", "total int"},
            {"layaway_payments", "id pk", "layaway_id int -> layaways cascade", "amount int"},
            {"work_orders", "id pk", "vehicle_id int -> vehicles cascade", "number text"},
            {"work_order_lines", "id pk", "work_order_id int -> work_orders cascade", "product_id int -> products restrict"},
            {"maintenance_schedules", "id pk", "vehicle_id int -> vehicles cascade", "due text"},
            {"price_lists", "id pk", "name text"},
            {"price_list_items", "id pk", "price_list_id int -> price_lists cascade", "product_id int -> products cascade",
                    "price int"},
            {"loyalty_accounts", "id pk", "customer_id int -> customers cascade", "points int"},
            {"gift_cards", "id pk", "code text uniquekey", "balance int"},
            {"promotions", "id pk", "name text"},
            {"audit_events", "id pk", "user_id int -> users cascade", "action text"},
            {SHARED_TABLE, "id pk", "name text uniquekey", "setting_value text"},
    };

    private final String dialect;

    PosSchema(String dialect) {
        this.dialect = dialect;
    }

    static int tableCount() {
        return TABLES.length;
    }

    /** The statements that create the schema and fill every table with {@link #ROWS_PER_TABLE} rows. */
    List<String> statements() {
        List<String> statements = new ArrayList<>();
        for (String[] table : TABLES) {
            statements.add(createTable(table));
        }
        statements.add("CREATE VIEW sales_by_store AS SELECT s.code, COUNT(*) AS sales FROM sales x JOIN stores s"
                + " ON s.id = x.store_id GROUP BY s.code");
        for (String[] table : TABLES) {
            for (int row = 1; row <= ROWS_PER_TABLE; row++) {
                statements.add(insert(table, row));
            }
        }
        return statements;
    }

    /** Every row of every table: {@code tableCount() * ROWS_PER_TABLE}. */
    static int rowCount() {
        return TABLES.length * ROWS_PER_TABLE;
    }

    private String createTable(String[] table) {
        List<String> columns = new ArrayList<>();
        List<String> constraints = new ArrayList<>();
        List<String> primaryKey = new ArrayList<>();
        for (int i = 1; i < table.length; i++) {
            String[] words = table[i].split(" ");
            String name = words[0];
            String definition = name + " " + type(words[1]);
            List<String> flags = List.of(words).subList(1, words.length);
            if (flags.contains("pk")) {
                primaryKey.add(name);
            }
            if (!flags.contains("pk") && !flags.contains("->")) {
                definition += words[1].equals("text") ? " NOT NULL" : "";
            }
            if (flags.contains("unique")) {
                definition += " UNIQUE";
            }
            if (flags.contains("uniquekey")) {
                constraints.add("UNIQUE (" + name + ")");
            }
            int arrow = flags.indexOf("->");
            if (arrow >= 0) {
                String rule = switch (flags.get(arrow + 2)) {
                    case "cascade" -> "CASCADE";
                    case "setnull" -> "SET NULL";
                    default -> "RESTRICT";
                };
                constraints.add("FOREIGN KEY (" + name + ") REFERENCES " + flags.get(arrow + 1) + " (id) ON DELETE " + rule);
            }
            columns.add(definition);
        }
        List<String> items = new ArrayList<>(columns);
        items.add("PRIMARY KEY (" + String.join(", ", primaryKey) + ")");
        items.addAll(constraints);
        return "CREATE TABLE " + table[0] + " (" + String.join(", ", items) + ")";
    }

    private String insert(String[] table, int row) {
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (int i = 1; i < table.length; i++) {
            String[] words = table[i].split(" ");
            names.add(words[0]);
            boolean reference = List.of(words).contains("->");
            boolean selfReference = reference && words[words.length - 2].equals(table[0]);
            if (words[0].equals("id") || reference) {
                values.add(selfReference ? (row == 1 ? "NULL" : "1") : String.valueOf(row));
            } else if (words[1].equals("text")) {
                values.add("'" + table[0] + "-" + words[0] + "-" + row + "'");
            } else {
                values.add(String.valueOf(row * 10));
            }
        }
        return "INSERT INTO " + table[0] + " (" + String.join(", ", names) + ") VALUES (" + String.join(", ", values) + ")";
    }

    private String type(String word) {
        return switch (word) {
            case "pk", "int" -> "INTEGER";
            default -> switch (dialect) {
                case "mariadb", "h2" -> "VARCHAR(100)";
                default -> "TEXT";
            };
        };
    }
}
