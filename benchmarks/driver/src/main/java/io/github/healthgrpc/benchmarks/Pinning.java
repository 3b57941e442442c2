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

package io.github.healthgrpc.benchmarks;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;

/**
 * Where the processes run: every server process is started under
 * {@code taskset -c <server CPUs>}, and {@code benchmarks/run.sh} starts the driver, the
 * load generator, under {@code taskset -c <load CPUs>}, so that the two never compete for
 * a core. Without {@code taskset} (Debian's util-linux), or with one CPU, nothing is
 * pinned and the report says so.
 *
 * @param loadCpus the CPUs the load generator may run on, as the kernel reports them
 * @param serverCpus the CPUs every server is pinned to, {@code null} if not pinned
 * @param note why nothing is pinned, or what is odd about the pinning; {@code null} if
 * nothing
 * @author health-grpc authors
 */
record Pinning(String loadCpus, String serverCpus, String note) {

	/**
	 * Decide the pinning of a run.
	 * @param requested the {@code taskset} CPU list asked for the servers, or
	 * {@code null}
	 * @param unpinnedReason why none was asked for, or {@code null}
	 * @param loadCpus the driver's own CPUs ({@link #allowedCpus})
	 * @param tasksetFound whether {@code taskset} is on the {@code PATH}
	 * @return the pinning
	 */
	static Pinning decide(String requested, String unpinnedReason, String loadCpus, boolean tasksetFound) {
		if (requested == null || requested.isBlank() || requested.equals("none")) {
			return new Pinning(loadCpus, null, "not pinned: " + ((unpinnedReason != null) ? unpinnedReason
					: "no --server-cpus given (benchmarks/run.sh gives it)"));
		}
		if (!tasksetFound) {
			return new Pinning(loadCpus, null,
					"not pinned: taskset not found (Debian: util-linux); servers and load generator share every CPU");
		}
		BitSet server = cpus(requested);
		BitSet load = cpus(loadCpus);
		if (server.intersects(load)) {
			return new Pinning(loadCpus, requested, "the load generator (CPUs " + loadCpus
					+ ") shares CPUs with the servers: start the driver through benchmarks/run.sh");
		}
		return new Pinning(loadCpus, requested, null);
	}

	boolean pinned() {
		return this.serverCpus != null;
	}

	/**
	 * Return what goes before a server's command line.
	 * @return {@code taskset -c <cpus>}, or nothing
	 */
	List<String> commandPrefix() {
		return pinned() ? List.of("taskset", "-c", this.serverCpus) : List.of();
	}

	/**
	 * One sentence for the report.
	 * @return the pinning as a reader needs it
	 */
	String describe() {
		String base = pinned()
				? "servers pinned to CPU " + this.serverCpus + " (`taskset -c " + this.serverCpus
						+ "`), load generator on CPU " + this.loadCpus
				: "servers and load generator on CPUs " + this.loadCpus;
		return (this.note != null) ? base + "; " + this.note : base;
	}

	/**
	 * Parse a CPU list as {@code taskset} and the kernel write it ({@code 0-1,4}).
	 * @param list the list
	 * @return the CPUs
	 */
	static BitSet cpus(String list) {
		BitSet cpus = new BitSet();
		if (list == null || list.isBlank()) {
			return cpus;
		}
		for (String part : list.trim().split(",")) {
			String[] range = part.trim().split("-");
			int from = Integer.parseInt(range[0].trim());
			int to = (range.length > 1) ? Integer.parseInt(range[1].trim()) : from;
			cpus.set(from, to + 1);
		}
		return cpus;
	}

	/**
	 * Read the CPUs a process may run on from {@code /proc/<pid>/status}.
	 * @param pid the process, or {@code "self"}
	 * @return the list, or {@code "?"} where there is no such file (not Linux)
	 */
	static String allowedCpus(String pid) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
				if (line.startsWith("Cpus_allowed_list:")) {
					return line.substring(line.indexOf(':') + 1).trim();
				}
			}
		}
		catch (IOException ex) {
			// not Linux
		}
		return "?";
	}

	/**
	 * Return whether {@code taskset} is on the {@code PATH}.
	 * @return whether it was found
	 */
	static boolean tasksetFound() {
		String path = System.getenv("PATH");
		if (path == null) {
			return false;
		}
		for (String dir : path.split(File.pathSeparator)) {
			if (Files.isExecutable(Path.of(dir, "taskset"))) {
				return true;
			}
		}
		return false;
	}

}
