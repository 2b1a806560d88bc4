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
        appendLine(block, header, widths);
        for (String[] row : rows) {
            appendLine(block, row, widths);
            if (block.length() > 64 * 1024) {
                output.lines(block);
                block.setLength(0);
            }
        }
        output.lines(block);
    }

    /** One row, each cell padded to its column and two spaces, without trailing blanks; straight into the block. */
    private static void appendLine(StringBuilder block, String[] cells, int[] widths) {
        int start = block.length();
        for (int i = 0; i < cells.length; i++) {
            block.append(cells[i]);
            // A cell wider than its column (possible only in a streamed table) pushes the rest right.
            block.repeat(' ', Math.max(0, widths[i] - visible(cells[i])) + 2);
        }
        int end = block.length();
        while (end > start && Character.isWhitespace(block.charAt(end - 1))) {
            end--;
        }
        block.setLength(end);
        block.append('\n');
    }

    static int visible(String cell) {
        return cell.indexOf('\u001b') < 0 ? cell.length() : cell.replaceAll("\u001b\\[[0-9;]*m", "").length();
    }
}
