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

package io.github.healthgrpc.consul;

import java.util.ArrayList;
import java.util.List;

import com.google.common.net.InetAddresses;

import org.springframework.lang.Nullable;
import org.springframework.util.Assert;

/**
 * What health-grpc writes into an application's Consul registration for its gRPC server:
 * the {@value #GRPC_PORT_META} metadata that net.devh's {@code discovery:///} resolver
 * reads, the bound address when the server listens on one address only, an instance id
 * unique per host and port, and the GRPC check (replacing Spring's HTTP check, or next to
 * it).
 *
 * <p>
 * Applied once when the registration is created (with the port net.devh picked for
 * {@code grpc.server.port=0}) and again once the server has bound its port, so the
 * registration always carries the bound one.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public class GrpcServiceRegistration {

	/**
	 * Metadata key of the gRPC port, the one net.devh's resolver reads.
	 */
	public static final String GRPC_PORT_META = "gRPC_port";

	@Nullable
	private final GrpcHealthCheck check;

	private final boolean keepHttpCheck;

	private final boolean uniqueInstanceId;

	/**
	 * Create the registration rules.
	 * @param check the GRPC check to register, or {@code null} for none
	 * @param keepHttpCheck whether Spring's HTTP check stays next to the GRPC check
	 * @param uniqueInstanceId whether to set the instance id to
	 * {@code <name>-<address>-<port>} (when none was configured)
	 */
	public GrpcServiceRegistration(@Nullable GrpcHealthCheck check, boolean keepHttpCheck, boolean uniqueInstanceId) {
		this.check = check;
		this.keepHttpCheck = keepHttpCheck;
		this.uniqueInstanceId = uniqueInstanceId;
	}

	/**
	 * Return the GRPC check registered.
	 * @return the check, or {@code null} for none
	 */
	@Nullable
	public GrpcHealthCheck check() {
		return this.check;
	}

	/**
	 * Write the gRPC server's endpoint into a registration.
	 * @param service the registration's service definition
	 * @param boundAddress the address the server listens on ({@code *} or a wildcard for
	 * all)
	 * @param port the server's port
	 */
	public void apply(ServiceDefinition service, @Nullable String boundAddress, int port) {
		Assert.isTrue(port > 0, "'port' must be positive");
		// mutate the map in place: net.devh adds its own entry to it later
		if (service.getMeta() == null) {
			service.setMeta(new java.util.LinkedHashMap<>());
		}
		service.getMeta().put(GRPC_PORT_META, Integer.toString(port));
		if (isSpecific(boundAddress)) {
			service.setAddress(boundAddress);
		}
		if (this.uniqueInstanceId) {
			String host = (service.getAddress() != null) ? service.getAddress() : "";
			service.setId(forDns(service.getName() + "-" + host + "-" + port));
		}
		if (this.check != null) {
			applyCheck(service, this.check.toCheck(checkHost(service, boundAddress), port));
		}
	}

	private void applyCheck(ServiceDefinition service, CheckDefinition grpcCheck) {
		if (!this.keepHttpCheck) {
			// Spring adds its HTTP check only where no check is set: this one replaces it
			service.setCheck(grpcCheck);
			return;
		}
		List<CheckDefinition> checks = new ArrayList<>();
		checks.add(grpcCheck);
		service.setChecks(checks);
	}

	/**
	 * Return an instance id as Consul's DNS interface accepts it, with the rule Spring
	 * Cloud Consul applies to its own ids: every run of characters other than letters and
	 * digits becomes one hyphen.
	 * @param id the id
	 * @return the id fit for DNS
	 * @throws IllegalArgumentException when it does not start with a letter or does not
	 * end with a letter or digit
	 */
	static String forDns(String id) {
		if (id.isEmpty() || !Character.isLetter(id.charAt(0))
				|| !Character.isLetterOrDigit(id.charAt(id.length() - 1))) {
			throw new IllegalArgumentException("Consul service ids must start with a letter and end with a letter or "
					+ "digit, with only letters, digits and hyphens between: " + id);
		}
		StringBuilder normalized = new StringBuilder(id.length());
		boolean hyphen = false;
		for (int i = 0; i < id.length(); i++) {
			char c = id.charAt(i);
			if (Character.isLetterOrDigit(c)) {
				normalized.append(c);
				hyphen = false;
			}
			else if (!hyphen) {
				normalized.append('-');
				hyphen = true;
			}
		}
		return normalized.toString();
	}

	/**
	 * Return the host Consul's check dials: the address the server is bound to, or the
	 * registered address when it listens on all of them.
	 * @param service the registration's service definition
	 * @param boundAddress the address the server listens on
	 * @return the host
	 */
	public static String checkHost(ServiceDefinition service, @Nullable String boundAddress) {
		if (isSpecific(boundAddress)) {
			return boundAddress;
		}
		return (service.getAddress() != null && !service.getAddress().isEmpty()) ? service.getAddress() : "127.0.0.1";
	}

	/**
	 * Return whether the server listens on one address rather than all of them
	 * ({@code *}, {@code 0.0.0.0}, {@code ::} and every other spelling of the wildcard
	 * address).
	 * @param address the address the server is bound to
	 * @return whether it is a specific address
	 */
	public static boolean isSpecific(@Nullable String address) {
		if (address == null) {
			return false;
		}
		String trimmed = address.trim();
		if (trimmed.isEmpty() || trimmed.equals("*")) {
			return false;
		}
		String literal = (trimmed.startsWith("[") && trimmed.endsWith("]")) ? trimmed.substring(1, trimmed.length() - 1)
				: trimmed;
		// a literal only: a host name is never looked up here
		return !InetAddresses.isInetAddress(literal) || !InetAddresses.forString(literal).isAnyLocalAddress();
	}

}
