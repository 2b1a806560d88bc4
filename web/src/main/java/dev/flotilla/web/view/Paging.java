package dev.flotilla.web.view;

/** One page of a long list: numbered from 1, {@code size} rows each, {@code total} rows in all. */
public record Paging(int page, int size, int total) {
    public Paging {
        size = Math.max(1, size);
        page = Math.max(1, Math.min(page, Math.max(1, (total + size - 1) / size)));
    }

    public static Paging of(String page, int size, int total) {
        int number;
        try {
            number = page == null ? 1 : Integer.parseInt(page);
        } catch (NumberFormatException e) {
            number = 1;
        }
        return new Paging(number, size, total);
    }

    public int offset() {
        return (page - 1) * size;
    }

    public int pages() {
        return Math.max(1, (total + size - 1) / size);
    }

    public boolean hasPrevious() {
        return page > 1;
    }

    public boolean hasNext() {
        return page < pages();
    }

    public int first() {
        return total == 0 ? 0 : offset() + 1;
    }

    public int last() {
        return Math.min(total, offset() + size);
    }
}
