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
        output.line(format(header, widths));
        for (String[] row : rows) {
            output.line(format(row, widths));
        }
    }

    private static String format(String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            line.append(cells[i]).append(" ".repeat(widths[i] - visible(cells[i]) + 2));
        }
        return line.toString().stripTrailing();
    }

    private static int visible(String cell) {
        return cell.replaceAll("\u001b\\[[0-9;]*m", "").length();
    }
}
