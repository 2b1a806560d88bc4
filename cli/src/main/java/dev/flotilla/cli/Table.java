package dev.flotilla.cli;

import java.util.List;

/** A plain-text table with columns as wide as their widest cell (colour codes not counted). */
final class Table {
    private Table() {
    }

    static void print(Output output, String[] header, List<String[]> rows) {
        int[] widths = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            widths[i] = visible(header[i]);
            for (String[] row : rows) {
                widths[i] = Math.max(widths[i], visible(row[i]));
            }
        }
        StringBuilder block = new StringBuilder();
        block.append(format(header, widths)).append('\n');
        for (String[] row : rows) {
            block.append(format(row, widths)).append('\n');
            if (block.length() > 64 * 1024) {
                output.lines(block);
                block.setLength(0);
            }
        }
        output.lines(block);
    }

    static String format(String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            // A cell wider than its column (possible only in a streamed table) pushes the rest right.
            line.append(cells[i]).append(" ".repeat(Math.max(0, widths[i] - visible(cells[i])) + 2));
        }
        return line.toString().stripTrailing();
    }

    static int visible(String cell) {
        return cell.indexOf('\u001b') < 0 ? cell.length() : cell.replaceAll("\u001b\\[[0-9;]*m", "").length();
    }
}
