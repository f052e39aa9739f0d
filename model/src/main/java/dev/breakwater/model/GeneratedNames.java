package dev.breakwater.model;

import java.util.regex.Pattern;

/**
 * Cleans names that compilers, proxies and bytecode generators make up, so that a frame groups the same way in
 * every process and every build. The varying part becomes {@code <auto>}:
 * <ul>
 *   <li>Java lambdas: class {@code Foo$$Lambda$14/0x0000000800c0b4a0}, {@code Foo$$Lambda/0x...} (JDK 21),
 *       {@code Foo$$Lambda$14/1234567} (JDK 8) become {@code Foo$$Lambda$<auto>}; method {@code lambda$handle$3}
 *       becomes {@code lambda$handle$<auto>} (the number follows the lambda's position in the class);
 *   <li>reflection: {@code GeneratedMethodAccessor123}, {@code GeneratedConstructorAccessor9},
 *       {@code GeneratedSerializationConstructorAccessor4};
 *   <li>proxies: CGLIB and Spring CGLIB ({@code $$EnhancerByCGLIB$$1a2b}, {@code $$EnhancerBySpringCGLIB$$…},
 *       {@code $$FastClassBySpringCGLIB$$…}, {@code $$SpringCGLIB$$0}), javassist ({@code _$$_jvst1a2_3}),
 *       Hibernate ({@code $HibernateProxy$Ab12}), ByteBuddy and Mockito ({@code $ByteBuddy$Ab12},
 *       {@code $MockitoMock$123}), JDK proxies ({@code $Proxy12} in module {@code jdk.proxy2});
 *   <li>synthetic accessors {@code access$000}, Kotlin {@code foo$lambda$0} / {@code foo$lambda-1}, Scala
 *       {@code $anonfun$foo$1};
 *   <li>Ruby ERB templates' {@code _app_views_x_html_erb__123_456} and PHP {@code class@anonymous...} suffixes.
 * </ul>
 * Used only for grouping: events keep the names as sent. Thread-safe and stateless.
 */
final class GeneratedNames {
    private static final Pattern LAMBDA_CLASS = Pattern.compile("\\$\\$Lambda(?:\\$\\d+)?(?:/(?:0x)?[0-9a-fA-F]+)?");
    private static final Pattern REFLECTION =
            Pattern.compile("(Generated(?:Serialization)?(?:Method|Constructor)Accessor)\\d+");
    private static final Pattern CGLIB = Pattern.compile("\\$\\$(\\w*?CGLIB)\\$\\$[0-9a-zA-Z_]+");
    private static final Pattern JAVASSIST = Pattern.compile("_\\$\\$_jvst[0-9a-zA-Z_]+");
    private static final Pattern BYTECODE_PROXY =
            Pattern.compile("\\$(HibernateProxy|ByteBuddy|MockitoMock)\\$[0-9a-zA-Z]+");
    private static final Pattern JDK_PROXY = Pattern.compile("(?:^|(?<=\\.))\\$Proxy\\d+");
    private static final Pattern JDK_PROXY_MODULE = Pattern.compile("^jdk\\.proxy\\d+(?=\\.|$)");
    private static final Pattern JAVA_LAMBDA_METHOD = Pattern.compile("^lambda\\$(.*)\\$\\d+$");
    private static final Pattern KOTLIN_LAMBDA = Pattern.compile("\\$lambda[-$]\\d+");
    private static final Pattern SCALA_ANONFUN = Pattern.compile("(\\$anonfun\\$\\w+?)\\$\\d+");
    private static final Pattern ACCESSOR = Pattern.compile("^access\\$\\d+$");
    private static final Pattern ERB = Pattern.compile("(_erb)__\\d+_\\d+$");
    private static final Pattern PHP_ANONYMOUS_CLASS = Pattern.compile("class@anonymous.*");

    private GeneratedNames() {}

    /** A module or class name with generated parts replaced by {@code <auto>}. */
    static String cleanModule(String module) {
        if (module.indexOf('$') < 0 && !module.startsWith("jdk.proxy")) {
            return module; // the common case: nothing generated, no regex run
        }
        String out = LAMBDA_CLASS.matcher(module).replaceAll("\\$\\$Lambda\\$<auto>");
        out = CGLIB.matcher(out).replaceAll("\\$\\$$1\\$\\$<auto>");
        out = JAVASSIST.matcher(out).replaceAll("_\\$\\$_jvst<auto>");
        out = BYTECODE_PROXY.matcher(out).replaceAll("\\$$1\\$<auto>");
        out = JDK_PROXY.matcher(out).replaceAll("\\$Proxy<auto>");
        return JDK_PROXY_MODULE.matcher(out).replaceAll("jdk.proxy<auto>");
    }

    /** A function name with generated parts replaced by {@code <auto>}; class-like parts are cleaned as modules. */
    static String cleanFunction(String function) {
        String out = function;
        if (out.startsWith("Generated") || out.contains("Generated")) {
            out = REFLECTION.matcher(out).replaceAll("$1<auto>");
        }
        if (out.indexOf('$') >= 0) {
            out = JAVA_LAMBDA_METHOD.matcher(out).replaceAll("lambda\\$$1\\$<auto>");
            out = KOTLIN_LAMBDA.matcher(out).replaceAll("\\$lambda\\$<auto>");
            out = SCALA_ANONFUN.matcher(out).replaceAll("$1\\$<auto>");
            out = ACCESSOR.matcher(out).replaceAll("access\\$<auto>");
            out = cleanModule(out);
        }
        if (out.endsWith("_erb") || out.contains("_erb__")) {
            out = ERB.matcher(out).replaceAll("$1");
        }
        if (out.startsWith("class@anonymous")) {
            out = PHP_ANONYMOUS_CLASS.matcher(out).replaceAll("class@anonymous");
        }
        return out;
    }

    /** {@link #cleanModule} plus the reflection accessors, which Java reports as classes. */
    static String cleanClass(String module) {
        String out = cleanModule(module);
        return out.contains("Generated") ? REFLECTION.matcher(out).replaceAll("$1<auto>") : out;
    }
}
