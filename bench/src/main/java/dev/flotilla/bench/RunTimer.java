package dev.flotilla.bench;

/** Times the measures of one run (one fixture, one concurrency), with the CPU the client and the server spent on each. */
record RunTimer(Results results, String fixture, int concurrency, int run, int tenants, CpuMeter cpu) {
    interface Measured {
        long millis() throws Exception;
    }

    void time(String what, Measured measured) throws Exception {
        CpuMeter.Reading start = cpu.read();
        long millis = measured.millis();
        results.add(fixture, what, concurrency, run, millis, tenants, cpu.read().since(start));
    }
}
