/**
 * Certificates for TLS tests: a CA and certificates it signed for loopback, made with the
 * JDK's keytool.
 */
package io.github.healthgrpc.test.tls;
