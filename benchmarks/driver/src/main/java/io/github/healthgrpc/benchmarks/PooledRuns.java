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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.github.healthgrpc.benchmarks.Results.Metric;

/**
 * The rounds of several runs as one run: each run's {@code results.csv} (its raw figures;
 * its ratios are taken again), {@code slices.csv} and the failures its {@code results.md}
 * lists, its rounds numbered after the runs before it. Every ratio is taken within a
 * round, so rounds of runs made on the same machine, of the same servers and with the
 * same options, pool as rounds of one longer run: a 3-hour session on 2 cores holds about
 * two runs of 7 rounds, not one of 14. A run may give only some of its sections (say its
 * Check load, of servers whose Check path has not changed since): its rounds then hold
 * only those figures, and the other sections' intervals are taken over the rounds of the
 * runs that gave them.
 *
 * @author health-grpc authors
 */
final class PooledRuns {

	private static final Pattern FAILURE = Pattern.compile("^- round (\\d+), (.*)$");

	private static final String CHECK = Metric.CALLS_PER_SECOND.section();

	// a folder, then after its last ':' lower-case words joined by '+'
	private static final Pattern SECTIONS_GIVEN = Pattern.compile("^(.+):([a-z]+(?:\\+[a-z]+)*)$");

	// every section a metric is written in
	private static final Set<String> SECTIONS = Arrays.stream(Metric.values())
		.map(Metric::section)
		.collect(Collectors.toCollection(TreeSet::new));

	private final Results results = new Results();

	private final List<String> sources = new ArrayList<>();

	private int rounds;

	private boolean someSectionsOnly;

	private PooledRuns() {
	}

	/**
	 * Read the runs, in order.
	 * @param runs the folders each run wrote its files to
	 * @return the pooled rounds
	 * @throws IOException if a file cannot be read
	 * @throws IllegalArgumentException naming the file and line of a row that cannot be
	 * read
	 */
	static PooledRuns read(List<Source> runs) throws IOException {
		PooledRuns pooled = new PooledRuns();
		for (Source run : runs) {
			pooled.add(run);
		}
		return pooled;
	}

	Results results() {
		return this.results;
	}

	/**
	 * Return the number of rounds pooled: the last round's number.
	 */
	int rounds() {
		return this.rounds;
	}

	/**
	 * Return whether a run gave only some of its sections.
	 */
	boolean someSectionsOnly() {
		return this.someSectionsOnly;
	}

	/**
	 * Return, per run, its folder and the round numbers its rounds took.
	 */
	List<String> sources() {
		return List.copyOf(this.sources);
	}

	private void add(Source source) throws IOException {
		Path run = source.folder();
		int offset = this.rounds;
		int last = 0;
		for (Map<String, String> row : rows(run.resolve("results.csv"))) {
			if ("ratio".equals(row.get("section"))) {
				continue;
			}
			try {
				Metric metric = metric(row.get("section"), row.get("metric"));
				int round = Integer.parseInt(row.get("round"));
				// a round stays counted even if none of its figures is taken: the run had
				// it
				last = Math.max(last, round);
				if (!source.gives(metric.section())) {
					continue;
				}
				this.results.put(Target.ofKind(row.get("target")), metric, Integer.parseInt(row.get("parameter")),
						offset + round, Double.parseDouble(row.get("value")));
			}
			catch (RuntimeException ex) {
				throw new IllegalArgumentException(run.resolve("results.csv") + ": cannot read " + row, ex);
			}
		}
		Map<SliceKey, List<CheckLoad.Slice>> slices = new LinkedHashMap<>();
		// the slices are the Check load's
		List<Map<String, String>> sliceRows = source.gives(CHECK) ? rows(run.resolve("slices.csv")) : List.of();
		for (Map<String, String> row : sliceRows) {
			try {
				int round = Integer.parseInt(row.get("round"));
				last = Math.max(last, round);
				slices
					.computeIfAbsent(new SliceKey(Target.ofKind(row.get("target")),
							Integer.parseInt(row.get("in_flight")), offset + round), (key) -> new ArrayList<>())
					.add(slice(row));
			}
			catch (RuntimeException ex) {
				throw new IllegalArgumentException(run.resolve("slices.csv") + ": cannot read " + row, ex);
			}
		}
		slices.forEach((key, list) -> this.results.putSlices(key.target(), key.inFlight(), key.round(), list));
		for (String line : Files.readAllLines(run.resolve("results.md"))) {
			Matcher failure = FAILURE.matcher(line);
			if (failure.matches()) {
				int round = Integer.parseInt(failure.group(1));
				last = Math.max(last, round);
				this.results.noteFailure("round " + (offset + round) + ", " + failure.group(2).replace("\\|", "|"));
			}
		}
		if (last == 0) {
			throw new IllegalArgumentException(run + " holds no round");
		}
		this.rounds = offset + last;
		this.someSectionsOnly |= !source.sections().isEmpty();
		this.sources
			.add(run + (source.sections().isEmpty() ? "" : " (" + String.join(", ", source.sections()) + " only)")
					+ ": rounds " + (offset + 1) + " to " + this.rounds);
	}

	// a run from before a column was recorded has none: unknown, as blank
	private static CheckLoad.Slice slice(Map<String, String> row) {
		String jit = row.getOrDefault("server_jit_ms", "");
		Disturbance disturbance = new Disturbance(millis(row, "server_compiler_cpu_ms"),
				millis(row, "server_gc_cpu_ms"), millis(row, "neighbours_cpu_ms"),
				millis(row, "neighbours_compiler_cpu_ms"), millis(row, "load_compiler_cpu_ms"),
				millis(row, "load_gc_cpu_ms"));
		return new CheckLoad.Slice(Integer.parseInt(row.get("turn")), Double.parseDouble(row.get("calls_per_second")),
				Double.parseDouble(row.get("p99_ms")), Double.parseDouble(row.get("server_cpu_us_per_call")),
				jit.isEmpty() ? -1 : Long.parseLong(jit), Double.parseDouble(row.get("stolen_server_cpus")),
				Double.parseDouble(row.get("stolen_load_cpus")), disturbance);
	}

	private static double millis(Map<String, String> row, String column) {
		String value = row.getOrDefault(column, "");
		return value.isEmpty() ? -1 : Double.parseDouble(value);
	}

	private static Metric metric(String section, String name) {
		return Arrays.stream(Metric.values())
			.filter((metric) -> metric.section().equals(section) && metric.csvName().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("unknown metric " + section + "," + name));
	}

	// a CSV of plain values, no quotes, read by its header
	private static List<Map<String, String>> rows(Path file) throws IOException {
		List<String> lines;
		try {
			lines = Files.readAllLines(file);
		}
		catch (NoSuchFileException ex) {
			throw new IllegalArgumentException("no " + file.getFileName() + " in " + file.getParent()
					+ ": pool the folders that runs wrote (--out)", ex);
		}
		if (lines.isEmpty()) {
			throw new IllegalArgumentException(file + " is empty");
		}
		String[] header = lines.get(0).split(",", -1);
		List<Map<String, String>> rows = new ArrayList<>();
		for (int i = 1; i < lines.size(); i++) {
			if (lines.get(i).isBlank()) {
				continue;
			}
			String[] values = lines.get(i).split(",", -1);
			if (values.length != header.length) {
				throw new IllegalArgumentException(
						file + ", line " + (i + 1) + ": " + values.length + " values, " + header.length + " columns");
			}
			Map<String, String> row = new LinkedHashMap<>();
			for (int column = 0; column < header.length; column++) {
				row.put(header[column], values[column]);
			}
			rows.add(row);
		}
		return rows;
	}

	// one load's slices in one round
	private record SliceKey(Target target, int inFlight, int round) {

	}

	/**
	 * A run to pool: the folder it wrote and the sections of its {@code results.csv} to
	 * take from it.
	 *
	 * @param folder the folder
	 * @param sections the sections to take, all of them when empty
	 */
	record Source(Path folder, List<String> sections) {

		/**
		 * A run given as {@code DIR} (all of it) or {@code DIR:SECTION+SECTION}: what
		 * follows the last {@code :} is read as sections only if it is lower-case words
		 * joined by {@code +}, so that a folder with a {@code :} in its name can be given
		 * whole.
		 * @param value the folder, and the sections after the last {@code :}
		 * @return the run
		 * @throws IllegalArgumentException naming a section there is not, or one given
		 * twice
		 */
		static Source parse(String value) {
			Matcher given = SECTIONS_GIVEN.matcher(value);
			if (!given.matches()) {
				return all(Path.of(value));
			}
			List<String> sections = List.of(given.group(2).split("\\+"));
			for (String section : sections) {
				if (!SECTIONS.contains(section)) {
					throw new IllegalArgumentException("--pool: no section '" + section + "' in a run; its sections: "
							+ String.join(", ", SECTIONS));
				}
			}
			if (sections.stream().distinct().count() < sections.size()) {
				throw new IllegalArgumentException("--pool: a section named twice in " + value);
			}
			return new Source(Path.of(given.group(1)), sections);
		}

		/**
		 * A whole run.
		 * @param folder the folder it wrote
		 * @return the run
		 */
		static Source all(Path folder) {
			return new Source(folder, List.of());
		}

		boolean gives(String section) {
			return this.sections.isEmpty() || this.sections.contains(section);
		}

	}

}
