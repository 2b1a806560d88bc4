package dev.flotilla.cli;

import dev.flotilla.control.UserStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

@Command(name = "list", description = "The console's users: name, role, when and by whom they were added.")
final class UserListCommand extends FleetCommand {
    private static final String[] HEADER = {"User", "Role", "Added", "By"};

    UserListCommand(Output output, Map<String, String> environment) {
        super(output, environment);
    }

    @Override
    String name() {
        return "user list";
    }

    @Override
    int execute() {
        List<UserStore.User> users = planeToRead().users().all();
        Table.print(output, HEADER, users.stream().map(u -> new String[] {u.name(), u.role(), LocalTimes.format(u.createdAt()),
                u.createdBy()}).toList());
        output.line(users.size() + " user(s)");
        return output.finish(name(), Map.of("users", users.stream().map(u -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", u.name());
            entry.put("role", u.role());
            entry.put("createdAt", u.createdAt().toString());
            entry.put("createdBy", u.createdBy());
            return entry;
        }).toList()), List.of());
    }
}
