package dev.breakwater.model;

import static dev.breakwater.model.MessageParameterizer.parameterize;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageParameterizerTest {

    @Test
    void email() {
        assertThat(parameterize("no account for bob.smith+x@mail.example.com, sorry"))
                .isEqualTo("no account for <email>, sorry");
    }

    @Test
    void url() {
        assertThat(parameterize("GET https://api.example.com/v1/orders?id=7 failed"))
                .isEqualTo("GET <url> failed");
        assertThat(parameterize("cannot reach redis://cache:6379/0")).isEqualTo("cannot reach <url>");
    }

    @Test
    void hostname() {
        assertThat(parameterize("connection to db-3.prod.internal refused")).isEqualTo("connection to <hostname> refused");
        assertThat(parameterize("resolve api.example.com:443")).isEqualTo("resolve <hostname>:<int>");
        // class names are not host names
        assertThat(parameterize("cannot cast java.lang.Integer to java.lang.String"))
                .isEqualTo("cannot cast java.lang.Integer to java.lang.String");
    }

    @Test
    void ipv4AndIpv6() {
        assertThat(parameterize("blocked 10.0.0.17")).isEqualTo("blocked <ip>");
        assertThat(parameterize("peer 192.168.1.254:5432 reset")).isEqualTo("peer <ip>:<int> reset");
        assertThat(parameterize("from 2001:db8:85a3::8a2e:370:7334 and ::1")).isEqualTo("from <ip> and <ip>");
        assertThat(parameterize("from fe80:0:0:0:202:b3ff:fe1e:8329")).isEqualTo("from <ip>");
    }

    @Test
    void uuid() {
        assertThat(parameterize("order 3F2504E0-4F89-11D3-9A0C-0305E82C3301 missing")).isEqualTo("order <uuid> missing");
    }

    @Test
    void sha1AndMd5() {
        assertThat(parameterize("commit 2fd4e1c67a2d28fced849ee1bb76e7391b93eb12 unknown"))
                .isEqualTo("commit <sha1> unknown");
        assertThat(parameterize("etag 9e107d9d372bb6826bd81d3542a419d6")).isEqualTo("etag <md5>");
    }

    @Test
    void datesAndTimes() {
        assertThat(parameterize("expired on 2025-03-14")).isEqualTo("expired on <date>");
        assertThat(parameterize("at 2025-03-14T09:26:53.589Z")).isEqualTo("at <date>");
        assertThat(parameterize("at 2025-03-14 09:26:53+01:00 sharp")).isEqualTo("at <date> sharp");
        assertThat(parameterize("since Fri, 14 Mar 2025 09:26:53 GMT")).isEqualTo("since <date>");
        assertThat(parameterize("batch of 09:26:53.12 late")).isEqualTo("batch of <date> late");
    }

    @Test
    void durations() {
        assertThat(parameterize("timed out after 30004ms")).isEqualTo("timed out after <duration>");
        assertThat(parameterize("took 2.5s")).isEqualTo("took <duration>");
        assertThat(parameterize("retry in 3 seconds")).isEqualTo("retry in <duration>");
        assertThat(parameterize("deadline PT30S exceeded")).isEqualTo("deadline <duration> exceeded");
    }

    @Test
    void hex() {
        assertThat(parameterize("bad pointer 0x7ffd5fbff8a0")).isEqualTo("bad pointer <hex>");
        assertThat(parameterize("document 65f2c0a1b9e4d3c2a1f0e9d8 gone")).isEqualTo("document <hex> gone");
    }

    @Test
    void floatsAndInts() {
        assertThat(parameterize("balance -12.50 below 0.0")).isEqualTo("balance -<float> below <float>");
        assertThat(parameterize("user 1234 has 3 carts")).isEqualTo("user <int> has <int> carts");
        // numbers glued to letters are names
        assertThat(parameterize("worker7 on v2")).isEqualTo("worker7 on v2");
    }

    @Test
    void quotedStrings() {
        assertThat(parameterize("unknown field 'colour' in \"Order\"")).isEqualTo("unknown field <quoted_str> in <quoted_str>");
        // an apostrophe inside a word opens nothing
        assertThat(parameterize("can't parse it")).isEqualTo("can't parse it");
    }

    @Test
    void booleans() {
        assertThat(parameterize("flag enabled=true, cached=False")).isEqualTo("flag enabled=<bool>, cached=<bool>");
    }

    @Test
    void messagesDifferingOnlyInValuesBecomeEqual() {
        String a = parameterize("User 17 (ann@example.com) from 10.1.2.3 hit 5f0c6c1e-1b2a-4c3d-8e9f-0a1b2c3d4e5f");
        String b = parameterize("User 9002 (bob@example.org) from 172.16.0.9 hit 0e1d2c3b-4a59-4687-9a0b-1c2d3e4f5a6b");
        assertThat(a).isEqualTo(b).isEqualTo("User <int> (<email>) from <ip> hit <uuid>");
    }

    @Test
    void nothingToReplace() {
        assertThat(parameterize("")).isEmpty();
        assertThat(parameterize("plain words only")).isEqualTo("plain words only");
    }
}
