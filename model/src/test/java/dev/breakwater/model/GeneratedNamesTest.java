package dev.breakwater.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GeneratedNamesTest {

    @Test
    void javaLambdaClassesOfEveryJdk() {
        assertThat(GeneratedNames.cleanModule("com.x.Svc$$Lambda$14/1234567")).isEqualTo("com.x.Svc$$Lambda$<auto>");
        assertThat(GeneratedNames.cleanModule("com.x.Svc$$Lambda$231/0x0000000800c0b4a0"))
                .isEqualTo("com.x.Svc$$Lambda$<auto>");
        assertThat(GeneratedNames.cleanModule("com.x.Svc$$Lambda/0x000001d0c1003c18"))
                .isEqualTo("com.x.Svc$$Lambda$<auto>");
    }

    @Test
    void lambdaAndSyntheticMethods() {
        assertThat(GeneratedNames.cleanFunction("lambda$load$2")).isEqualTo("lambda$load$<auto>");
        assertThat(GeneratedNames.cleanFunction("lambda$static$0")).isEqualTo("lambda$static$<auto>");
        assertThat(GeneratedNames.cleanFunction("access$000")).isEqualTo("access$<auto>");
        assertThat(GeneratedNames.cleanFunction("onCreate$lambda$0")).isEqualTo("onCreate$lambda$<auto>");
        assertThat(GeneratedNames.cleanFunction("onCreate$lambda-3")).isEqualTo("onCreate$lambda$<auto>");
        assertThat(GeneratedNames.cleanFunction("$anonfun$run$1")).isEqualTo("$anonfun$run$<auto>");
        assertThat(GeneratedNames.cleanFunction("load")).isEqualTo("load");
    }

    @Test
    void proxiesAndReflection() {
        assertThat(GeneratedNames.cleanClass("jdk.internal.reflect.GeneratedMethodAccessor231"))
                .isEqualTo("jdk.internal.reflect.GeneratedMethodAccessor<auto>");
        assertThat(GeneratedNames.cleanClass("sun.reflect.GeneratedSerializationConstructorAccessor4"))
                .isEqualTo("sun.reflect.GeneratedSerializationConstructorAccessor<auto>");
        assertThat(GeneratedNames.cleanModule("com.x.Svc$$EnhancerByCGLIB$$1a2b3c"))
                .isEqualTo("com.x.Svc$$EnhancerByCGLIB$$<auto>");
        assertThat(GeneratedNames.cleanModule("com.x.Svc$$EnhancerBySpringCGLIB$$9f8e7d"))
                .isEqualTo("com.x.Svc$$EnhancerBySpringCGLIB$$<auto>");
        assertThat(GeneratedNames.cleanModule("com.x.Svc$$FastClassBySpringCGLIB$$abc12"))
                .isEqualTo("com.x.Svc$$FastClassBySpringCGLIB$$<auto>");
        assertThat(GeneratedNames.cleanModule("com.x.Svc$$SpringCGLIB$$0")).isEqualTo("com.x.Svc$$SpringCGLIB$$<auto>");
        assertThat(GeneratedNames.cleanModule("com.x.Order_$$_jvst9a4_2")).isEqualTo("com.x.Order_$$_jvst<auto>");
        assertThat(GeneratedNames.cleanModule("com.x.Order$HibernateProxy$Ab12Cd"))
                .isEqualTo("com.x.Order$HibernateProxy$<auto>");
        assertThat(GeneratedNames.cleanModule("com.x.Repo$MockitoMock$1234")).isEqualTo("com.x.Repo$MockitoMock$<auto>");
        assertThat(GeneratedNames.cleanModule("jdk.proxy2.$Proxy141")).isEqualTo("jdk.proxy<auto>.$Proxy<auto>");
        assertThat(GeneratedNames.cleanModule("com.sun.proxy.$Proxy12")).isEqualTo("com.sun.proxy.$Proxy<auto>");
        assertThat(GeneratedNames.cleanModule("com.x.Outer$Inner")).isEqualTo("com.x.Outer$Inner");
    }

    @Test
    void rubyAndPhp() {
        assertThat(GeneratedNames.cleanFunction("_app_views_orders_show_html_erb__1234_5678"))
                .isEqualTo("_app_views_orders_show_html_erb");
        assertThat(GeneratedNames.cleanFunction("class@anonymous/in/app/Foo.php:12$0"))
                .isEqualTo("class@anonymous");
    }
}
