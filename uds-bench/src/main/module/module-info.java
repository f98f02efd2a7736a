/**
 * The uds benchmarks and the report they produce. Run on the class path by {@code bin/uds-bench}
 * (JMH forks its JVMs with the class path); this descriptor states what the code depends on.
 */
module dev.uds.bench {
    requires dev.uds;
    requires dev.uds.sum;
    requires jmh.core;
    requires org.newsclub.net.unix;
    requires com.google.gson;
    requires java.desktop;
    requires java.management;
    requires org.knowm.xchart;
    requires VectorGraphics2D;

    // JMH's generated code and runner reach the benchmark states reflectively; Gson reads the records.
    opens dev.uds.bench;
    opens dev.uds.bench.report to com.google.gson;
}
