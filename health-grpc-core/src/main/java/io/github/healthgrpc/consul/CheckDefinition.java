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

import java.util.List;
import java.util.Map;

import com.google.gson.annotations.SerializedName;

import org.springframework.lang.Nullable;

/**
 * One check of a {@link ServiceDefinition}, with Consul's field names: every field that
 * Spring Cloud Consul's check models carry (so that a registration copied through it
 * loses nothing), and {@code TLSServerName}, which neither of them has.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public class CheckDefinition {

	@SerializedName("Args")
	@Nullable
	private List<String> args;

	@SerializedName("DockerContainerID")
	@Nullable
	private String dockerContainerId;

	@SerializedName("Shell")
	@Nullable
	private String shell;

	@SerializedName("Interval")
	@Nullable
	private String interval;

	@SerializedName("TTL")
	@Nullable
	private String ttl;

	@SerializedName("HTTP")
	@Nullable
	private String http;

	@SerializedName("Method")
	@Nullable
	private String method;

	@SerializedName("Header")
	@Nullable
	private Map<String, List<String>> header;

	@SerializedName("TCP")
	@Nullable
	private String tcp;

	@SerializedName("Timeout")
	@Nullable
	private String timeout;

	@SerializedName("DeregisterCriticalServiceAfter")
	@Nullable
	private String deregisterCriticalServiceAfter;

	@SerializedName("TLSSkipVerify")
	@Nullable
	private Boolean tlsSkipVerify;

	@SerializedName("TLSServerName")
	@Nullable
	private String tlsServerName;

	@SerializedName("Status")
	@Nullable
	private String status;

	@SerializedName("GRPC")
	@Nullable
	private String grpc;

	@SerializedName("GRPCUseTLS")
	@Nullable
	private Boolean grpcUseTls;

	/**
	 * Return the command of a script check.
	 * @return the command and its arguments, or {@code null}
	 */
	@Nullable
	public List<String> getArgs() {
		return this.args;
	}

	/**
	 * Set the command of a script check.
	 * @param args the command and its arguments
	 */
	public void setArgs(@Nullable List<String> args) {
		this.args = args;
	}

	/**
	 * Return the container of a Docker check.
	 * @return the container id, or {@code null}
	 */
	@Nullable
	public String getDockerContainerId() {
		return this.dockerContainerId;
	}

	/**
	 * Set the container of a Docker check.
	 * @param dockerContainerId the container id
	 */
	public void setDockerContainerId(@Nullable String dockerContainerId) {
		this.dockerContainerId = dockerContainerId;
	}

	/**
	 * Return the shell of a Docker check.
	 * @return the shell, or {@code null}
	 */
	@Nullable
	public String getShell() {
		return this.shell;
	}

	/**
	 * Set the shell of a Docker check.
	 * @param shell the shell
	 */
	public void setShell(@Nullable String shell) {
		this.shell = shell;
	}

	/**
	 * Return the time between two checks.
	 * @return a Go duration, or {@code null}
	 */
	@Nullable
	public String getInterval() {
		return this.interval;
	}

	/**
	 * Set the time between two checks.
	 * @param interval a Go duration
	 */
	public void setInterval(@Nullable String interval) {
		this.interval = interval;
	}

	/**
	 * Return the time-to-live of a TTL check.
	 * @return a Go duration, or {@code null}
	 */
	@Nullable
	public String getTtl() {
		return this.ttl;
	}

	/**
	 * Set the time-to-live of a TTL check.
	 * @param ttl a Go duration
	 */
	public void setTtl(@Nullable String ttl) {
		this.ttl = ttl;
	}

	/**
	 * Return the URL of an HTTP check.
	 * @return the URL, or {@code null}
	 */
	@Nullable
	public String getHttp() {
		return this.http;
	}

	/**
	 * Set the URL of an HTTP check.
	 * @param http the URL
	 */
	public void setHttp(@Nullable String http) {
		this.http = http;
	}

	/**
	 * Return the method of an HTTP check.
	 * @return the method, or {@code null}
	 */
	@Nullable
	public String getMethod() {
		return this.method;
	}

	/**
	 * Set the method of an HTTP check.
	 * @param method the method
	 */
	public void setMethod(@Nullable String method) {
		this.method = method;
	}

	/**
	 * Return the headers of an HTTP check.
	 * @return the headers, or {@code null}
	 */
	@Nullable
	public Map<String, List<String>> getHeader() {
		return this.header;
	}

	/**
	 * Set the headers of an HTTP check.
	 * @param header the headers
	 */
	public void setHeader(@Nullable Map<String, List<String>> header) {
		this.header = header;
	}

	/**
	 * Return the address of a TCP check.
	 * @return {@code host:port}, or {@code null}
	 */
	@Nullable
	public String getTcp() {
		return this.tcp;
	}

	/**
	 * Set the address of a TCP check.
	 * @param tcp {@code host:port}
	 */
	public void setTcp(@Nullable String tcp) {
		this.tcp = tcp;
	}

	/**
	 * Return how long one check may take.
	 * @return a Go duration, or {@code null}
	 */
	@Nullable
	public String getTimeout() {
		return this.timeout;
	}

	/**
	 * Set how long one check may take.
	 * @param timeout a Go duration
	 */
	public void setTimeout(@Nullable String timeout) {
		this.timeout = timeout;
	}

	/**
	 * Return after how long critical Consul removes the instance.
	 * @return a Go duration, or {@code null} for never
	 */
	@Nullable
	public String getDeregisterCriticalServiceAfter() {
		return this.deregisterCriticalServiceAfter;
	}

	/**
	 * Set after how long critical Consul removes the instance.
	 * @param deregisterCriticalServiceAfter a Go duration
	 */
	public void setDeregisterCriticalServiceAfter(@Nullable String deregisterCriticalServiceAfter) {
		this.deregisterCriticalServiceAfter = deregisterCriticalServiceAfter;
	}

	/**
	 * Return whether the check skips verifying the certificate.
	 * @return the setting, or {@code null}
	 */
	@Nullable
	public Boolean getTlsSkipVerify() {
		return this.tlsSkipVerify;
	}

	/**
	 * Set whether the check skips verifying the certificate.
	 * @param tlsSkipVerify the setting
	 */
	public void setTlsSkipVerify(@Nullable Boolean tlsSkipVerify) {
		this.tlsSkipVerify = tlsSkipVerify;
	}

	/**
	 * Return the name the check expects in the certificate.
	 * @return the name, or {@code null} for the host it dials
	 */
	@Nullable
	public String getTlsServerName() {
		return this.tlsServerName;
	}

	/**
	 * Set the name the check expects in the certificate.
	 * @param tlsServerName the name
	 */
	public void setTlsServerName(@Nullable String tlsServerName) {
		this.tlsServerName = tlsServerName;
	}

	/**
	 * Return the initial status.
	 * @return the status, or {@code null} for Consul's default (critical)
	 */
	@Nullable
	public String getStatus() {
		return this.status;
	}

	/**
	 * Set the initial status.
	 * @param status the status
	 */
	public void setStatus(@Nullable String status) {
		this.status = status;
	}

	/**
	 * Return the target of a GRPC check.
	 * @return {@code host:port} or {@code host:port/service}, or {@code null}
	 */
	@Nullable
	public String getGrpc() {
		return this.grpc;
	}

	/**
	 * Set the target of a GRPC check.
	 * @param grpc {@code host:port} or {@code host:port/service}
	 */
	public void setGrpc(@Nullable String grpc) {
		this.grpc = grpc;
	}

	/**
	 * Return whether a GRPC check calls over TLS.
	 * @return the setting, or {@code null}
	 */
	@Nullable
	public Boolean getGrpcUseTls() {
		return this.grpcUseTls;
	}

	/**
	 * Set whether a GRPC check calls over TLS.
	 * @param grpcUseTls the setting
	 */
	public void setGrpcUseTls(@Nullable Boolean grpcUseTls) {
		this.grpcUseTls = grpcUseTls;
	}

}
