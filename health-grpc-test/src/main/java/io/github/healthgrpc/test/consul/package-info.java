/**
 * An in-process Consul dev agent for tests and demos, with a JUnit 5 extension. Not for
 * production.
 */
package io.github.healthgrpc.test.consul;
