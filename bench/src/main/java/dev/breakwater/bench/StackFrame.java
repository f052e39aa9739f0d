package dev.breakwater.bench;

/** One frame of a Java stack trace as the Sentry Java SDK reports it: class as module, method as function. */
record StackFrame(String module, String function, String filename, int lineno, boolean inApp) {}
