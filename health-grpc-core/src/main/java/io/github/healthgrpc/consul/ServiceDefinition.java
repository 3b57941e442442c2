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

import com.google.gson.Gson;
import com.google.gson.annotations.SerializedName;

import org.springframework.lang.Nullable;

/**
 * What an instance registers with the Consul agent ({@code PUT
 * /v1/agent/service/register}): its id, name, address, port, tags, metadata and checks. A
 * neutral model: each Spring Boot line's adapter copies it from and back into its Spring
 * Cloud Consul registration type (consul-api's {@code NewService} on Spring Cloud Consul
 * 4.3, Spring Cloud Consul's own on 5.0), so that the rules, the agent client and the
 * keeper are written once.
 *
 * <p>
 * Field names are Consul's: {@link #toJson()} writes the body the agent expects, fields
 * left {@code null} left out, as both Spring Cloud Consul lines write them.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public class ServiceDefinition {

	// one instance: Gson is thread-safe once built
	private static final Gson GSON = new Gson();

	@SerializedName("ID")
	@Nullable
	private String id;

	@SerializedName("Name")
	@Nullable
	private String name;

	@SerializedName("Tags")
	@Nullable
	private List<String> tags;

	@SerializedName("Address")
	@Nullable
	private String address;

	@SerializedName("Meta")
	@Nullable
	private Map<String, String> meta;

	@SerializedName("Port")
	@Nullable
	private Integer port;

	@SerializedName("EnableTagOverride")
	@Nullable
	private Boolean enableTagOverride;

	@SerializedName("Check")
	@Nullable
	private CheckDefinition check;

	@SerializedName("Checks")
	@Nullable
	private List<CheckDefinition> checks;

	/**
	 * Return the instance id.
	 * @return the id, or {@code null} (Consul then uses the name)
	 */
	@Nullable
	public String getId() {
		return this.id;
	}

	/**
	 * Set the instance id.
	 * @param id the id
	 */
	public void setId(@Nullable String id) {
		this.id = id;
	}

	/**
	 * Return the service name.
	 * @return the name
	 */
	@Nullable
	public String getName() {
		return this.name;
	}

	/**
	 * Set the service name.
	 * @param name the name
	 */
	public void setName(@Nullable String name) {
		this.name = name;
	}

	/**
	 * Return the tags.
	 * @return the tags, or {@code null}
	 */
	@Nullable
	public List<String> getTags() {
		return this.tags;
	}

	/**
	 * Set the tags.
	 * @param tags the tags
	 */
	public void setTags(@Nullable List<String> tags) {
		this.tags = tags;
	}

	/**
	 * Return the address other instances reach this one at.
	 * @return the address, or {@code null} for the agent's own
	 */
	@Nullable
	public String getAddress() {
		return this.address;
	}

	/**
	 * Set the address.
	 * @param address the address
	 */
	public void setAddress(@Nullable String address) {
		this.address = address;
	}

	/**
	 * Return the metadata.
	 * @return the metadata, or {@code null}
	 */
	@Nullable
	public Map<String, String> getMeta() {
		return this.meta;
	}

	/**
	 * Set the metadata.
	 * @param meta the metadata
	 */
	public void setMeta(@Nullable Map<String, String> meta) {
		this.meta = meta;
	}

	/**
	 * Return the port.
	 * @return the port, or {@code null}
	 */
	@Nullable
	public Integer getPort() {
		return this.port;
	}

	/**
	 * Set the port.
	 * @param port the port
	 */
	public void setPort(@Nullable Integer port) {
		this.port = port;
	}

	/**
	 * Return whether others may change the tags (Consul's {@code EnableTagOverride}).
	 * @return the setting, or {@code null}
	 */
	@Nullable
	public Boolean getEnableTagOverride() {
		return this.enableTagOverride;
	}

	/**
	 * Set whether others may change the tags.
	 * @param enableTagOverride the setting
	 */
	public void setEnableTagOverride(@Nullable Boolean enableTagOverride) {
		this.enableTagOverride = enableTagOverride;
	}

	/**
	 * Return the single check.
	 * @return the check, or {@code null}
	 */
	@Nullable
	public CheckDefinition getCheck() {
		return this.check;
	}

	/**
	 * Set the single check.
	 * @param check the check
	 */
	public void setCheck(@Nullable CheckDefinition check) {
		this.check = check;
	}

	/**
	 * Return the checks (Consul's {@code Checks}, next to {@link #getCheck()}).
	 * @return the checks, or {@code null}
	 */
	@Nullable
	public List<CheckDefinition> getChecks() {
		return this.checks;
	}

	/**
	 * Set the checks.
	 * @param checks the checks
	 */
	public void setChecks(@Nullable List<CheckDefinition> checks) {
		this.checks = checks;
	}

	/**
	 * Return the registration body Consul's agent expects.
	 * @return the JSON, without the fields left {@code null}
	 */
	public String toJson() {
		return GSON.toJson(this);
	}

	@Override
	public String toString() {
		return toJson();
	}

}
