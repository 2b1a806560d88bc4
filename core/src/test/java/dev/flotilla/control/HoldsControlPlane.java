package dev.flotilla.control;

import java.io.IOException;

/** A second process for tests: opens the control plane at args[0], says "open", and keeps it open until its input ends. */
public final class HoldsControlPlane {
    private HoldsControlPlane() {
    }

    public static void main(String[] args) throws IOException {
        try (ControlPlane plane = ControlPlane.open(args[0], ControlPlane.EMBEDDED_USER, null)) {
            plane.tenants().all();
            System.out.println("open");
            System.out.flush();
            while (System.in.read() >= 0) {
                // Holds the file until the test closes our input.
            }
        }
    }
}
