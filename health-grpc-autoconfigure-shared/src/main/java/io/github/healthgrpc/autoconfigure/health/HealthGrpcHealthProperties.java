/*
 * Copyright 2026 the health-grpc authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.github.healthgrpc.autoconfigure.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.healthgrpc.health.ServingStatus;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration of the gRPC Health service ({@code health-grpc.health.*}).
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
@ConfigurationProperties(HealthGrpcHealthProperties.PREFIX)
public class HealthGrpcHealthProperties implements Validator {

	/**
	 * Prefix of the Health service's properties.
	 */
	public static final String PREFIX = "health-grpc.health";

	/**
	 * Whether to serve grpc.health.v1.Health (Check, Watch and List) in place of the gRPC
	 * integration's built-in health service (net.devh's or Spring Boot's).
	 */
	private boolean enabled = true;

	/**
	 * Whether every service the gRPC server registered gets a status under its full name.
	 */
	private boolean registerServerServices = true;

	/**
	 * Actuator status code to gRPC serving status, merged over the defaults (UP=SERVING,
	 * DOWN=NOT_SERVING, OUT_OF_SERVICE=NOT_SERVING, UNKNOWN=UNKNOWN). Codes not listed
	 * map to UNKNOWN.
	 */
	private final Map<String, ServingStatus> statusMapping = ServingStatus.defaultMapping();

	/**
	 * Contributors that report on other systems, ignored unless
	 * ignore-default-contributors is false.
	 */
	static final List<String> DEFAULT_IGNORED_CONTRIBUTORS = List.of("consul", "discoveryComposite", "grpcChannel",
			"grpcDownstream");

	/**
	 * Comma-separated list of top-level Actuator contributors that decide no status
	 * unless a binding names them in include or through its group, in addition to the
	 * default ones. They are not evaluated when no status uses them.
	 */
	private List<String> ignoredContributors = new ArrayList<>();

	/**
	 * Whether the contributors that report on other systems decide no status unless a
	 * binding names them: consul and discoveryComposite (a Consul outage would turn every
	 * instance NOT_SERVING at once, and Consul would then drop them all), grpcChannel
	 * (net.devh's channels) and grpcDownstream (a failing downstream would turn this
	 * service NOT_SERVING too).
	 */
	private boolean ignoreDefaultContributors = true;

	/**
	 * Actuator contributors that decide the overall ("") status; all of them by default.
	 */
	private final Binding overall = new Binding();

	/**
	 * Per gRPC service name: the Actuator contributors that decide its status. Names may
	 * also be ones no server registers, such as "readiness" for a Kubernetes probe.
	 */
	private final Map<String, Binding> services = new LinkedHashMap<>();

	private final Schedule schedule = new Schedule();

	private final Lifecycle lifecycle = new Lifecycle();

	private final ListMethod list = new ListMethod();

	private final Watch watch = new Watch();

	private final Legacy legacy = new Legacy();

	private final Metrics metrics = new Metrics();

	private final RequestScope requestScope = new RequestScope();

	private final StatusGauge statusGauge = new StatusGauge();

	@Override
	public boolean supports(Class<?> type) {
		return HealthGrpcHealthProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		HealthGrpcHealthProperties properties = (HealthGrpcHealthProperties) target;
		rejectUnlessPositive(errors, "schedule.period", properties.getSchedule().getPeriod());
		rejectUnlessPositive(errors, "schedule.contributor-timeout", properties.getSchedule().getContributorTimeout());
		if (properties.getLifecycle().getDrainDelay().isNegative()) {
			errors.rejectValue("lifecycle.drain-delay", "negative", "must not be negative");
		}
		if (properties.getList().getMaxServices() < 1) {
			errors.rejectValue("list.max-services", "notPositive", "must be at least 1");
		}
		if (properties.getWatch().getMaxStreams() < 1) {
			errors.rejectValue("watch.max-streams", "notPositive", "must be at least 1");
		}
	}

	private static void rejectUnlessPositive(Errors errors, String field, Duration value) {
		if (value.isNegative() || value.isZero()) {
			errors.rejectValue(field, "notPositive", "must be positive");
		}
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isRegisterServerServices() {
		return this.registerServerServices;
	}

	public void setRegisterServerServices(boolean registerServerServices) {
		this.registerServerServices = registerServerServices;
	}

	public Map<String, ServingStatus> getStatusMapping() {
		return this.statusMapping;
	}

	public List<String> getIgnoredContributors() {
		return this.ignoredContributors;
	}

	public void setIgnoredContributors(List<String> ignoredContributors) {
		this.ignoredContributors = ignoredContributors;
	}

	public boolean isIgnoreDefaultContributors() {
		return this.ignoreDefaultContributors;
	}

	public void setIgnoreDefaultContributors(boolean ignoreDefaultContributors) {
		this.ignoreDefaultContributors = ignoreDefaultContributors;
	}

	/**
	 * Return every ignored contributor: the defaults, unless switched off, and the
	 * configured ones.
	 */
	Set<String> allIgnoredContributors() {
		Set<String> ignored = new LinkedHashSet<>();
		if (this.ignoreDefaultContributors) {
			ignored.addAll(DEFAULT_IGNORED_CONTRIBUTORS);
		}
		ignored.addAll(this.ignoredContributors);
		return ignored;
	}

	public Binding getOverall() {
		return this.overall;
	}

	public Map<String, Binding> getServices() {
		return this.services;
	}

	public Schedule getSchedule() {
		return this.schedule;
	}

	public Lifecycle getLifecycle() {
		return this.lifecycle;
	}

	public ListMethod getList() {
		return this.list;
	}

	public Watch getWatch() {
		return this.watch;
	}

	public Legacy getLegacy() {
		return this.legacy;
	}

	public Metrics getMetrics() {
		return this.metrics;
	}

	public RequestScope getRequestScope() {
		return this.requestScope;
	}

	public StatusGauge getStatusGauge() {
		return this.statusGauge;
	}

	/**
	 * Contributors bound to one status.
	 */
	public static class Binding {

		/**
		 * Actuator health group whose members and status aggregation decide the status.
		 */
		private String group;

		/**
		 * Comma-separated list of top-level health contributor names that decide the
		 * status; empty for all.
		 */
		private List<String> include = new ArrayList<>();

		/**
		 * Comma-separated list of top-level health contributor names that never decide
		 * the status.
		 */
		private List<String> exclude = new ArrayList<>();

		public String getGroup() {
			return this.group;
		}

		public void setGroup(String group) {
			this.group = group;
		}

		public List<String> getInclude() {
			return this.include;
		}

		public void setInclude(List<String> include) {
			this.include = include;
		}

		public List<String> getExclude() {
			return this.exclude;
		}

		public void setExclude(List<String> exclude) {
			this.exclude = exclude;
		}

	}

	/**
	 * When health is evaluated.
	 */
	public static class Schedule {

		/**
		 * Time between two evaluations of the Actuator health contributors.
		 */
		@DurationUnit(java.time.temporal.ChronoUnit.SECONDS)
		private Duration period = Duration.ofSeconds(5);

		/**
		 * How long one health contributor may take before it counts as DOWN.
		 */
		@DurationUnit(java.time.temporal.ChronoUnit.SECONDS)
		private Duration contributorTimeout = Duration.ofSeconds(2);

		public Duration getPeriod() {
			return this.period;
		}

		public void setPeriod(Duration period) {
			this.period = period;
		}

		public Duration getContributorTimeout() {
			return this.contributorTimeout;
		}

		public void setContributorTimeout(Duration contributorTimeout) {
			this.contributorTimeout = contributorTimeout;
		}

	}

	/**
	 * Startup and shutdown.
	 */
	public static class Lifecycle {

		/**
		 * Whether every service is NOT_SERVING until the application's readiness is
		 * ACCEPTING_TRAFFIC.
		 */
		private boolean waitForReadiness = true;

		/**
		 * How long every service reports NOT_SERVING on shutdown before Watch streams
		 * complete and the gRPC server stops.
		 */
		@DurationUnit(java.time.temporal.ChronoUnit.SECONDS)
		private Duration drainDelay = Duration.ofSeconds(5);

		public boolean isWaitForReadiness() {
			return this.waitForReadiness;
		}

		public void setWaitForReadiness(boolean waitForReadiness) {
			this.waitForReadiness = waitForReadiness;
		}

		public Duration getDrainDelay() {
			return this.drainDelay;
		}

		public void setDrainDelay(Duration drainDelay) {
			this.drainDelay = drainDelay;
		}

	}

	/**
	 * The List method.
	 */
	public static class ListMethod {

		/**
		 * Whether List is served; when false it answers UNIMPLEMENTED and lists no
		 * service names.
		 */
		private boolean enabled = true;

		/**
		 * Most statuses List returns; above it List answers RESOURCE_EXHAUSTED.
		 */
		private int maxServices = 100;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getMaxServices() {
			return this.maxServices;
		}

		public void setMaxServices(int maxServices) {
			this.maxServices = maxServices;
		}

	}

	/**
	 * The Watch method.
	 */
	public static class Watch {

		/**
		 * Most concurrent Watch streams; more get RESOURCE_EXHAUSTED.
		 */
		private int maxStreams = 10_000;

		public int getMaxStreams() {
			return this.maxStreams;
		}

		public void setMaxStreams(int maxStreams) {
			this.maxStreams = maxStreams;
		}

	}

	/**
	 * Per-call metrics and observations of health RPCs.
	 */
	public static class Metrics {

		/**
		 * Whether the gRPC integration's per-call server instrumentation (net.devh's
		 * Micrometer interceptor, A66 stream tracer and observation interceptor; Spring
		 * Boot's observation interceptor) also measures health RPCs (Check, Watch, List
		 * and the legacy check); by default they skip them.
		 */
		private boolean enabled;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * net.devh's grpcRequest bean scope for health RPCs.
	 */
	public static class RequestScope {

		/**
		 * Whether health RPCs (Check, Watch, List and the legacy check) run in net.devh's
		 * grpcRequest bean scope like any other call; by default they go past it. Spring
		 * Boot's gRPC has no such scope.
		 */
		private boolean enabled;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * The Micrometer gauge of each status.
	 */
	public static class StatusGauge {

		/**
		 * Whether each health service status is a Micrometer gauge, grpc.health.status
		 * tagged with its service, 1 while SERVING and 0 otherwise.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * The seed's package-less /Health/check.
	 */
	public static class Legacy {

		/**
		 * Whether to serve the seed's /Health/check beside grpc.health.v1.Health, with
		 * the same statuses.
		 */
		private boolean enabled;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

}
