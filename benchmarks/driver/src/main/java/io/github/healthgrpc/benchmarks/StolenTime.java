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
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;

/**
 * The time the hypervisor gave some CPUs' turns to another guest of the host (the
 * {@code steal} column of {@code /proc/stat}), read before and after each measured slice,
 * so that {@code slices.csv} shows whether a slow slice was a slice with stolen time.
 * Mostly it was not (docs/benchmarks.md): leaving out the slices with 10 % or more stolen
 * changed no verdict of the run of 2026-12-07. Counted in the kernel's clock ticks
 * (USER_HZ, 100 a second), so a 0.15 s slice on one CPU has 15 ticks and the finest step
 * is about 7 %.
 *
 * @author health-grpc authors
 */
final class StolenTime {

	private static final Path PROC_STAT = Path.of("/proc/stat");

	private final BitSet cpus;

	/**
	 * Read the given CPUs.
	 * @param cpus the CPUs; empty for every CPU (the machine's {@code cpu} line)
	 */
	StolenTime(BitSet cpus) {
		this.cpus = (BitSet) cpus.clone();
	}

	/**
	 * Read the counters now.
	 * @return the ticks so far, or {@link Ticks#NONE} where there is no
	 * {@code /proc/stat}
	 */
	Ticks read() {
		try {
			return parse(Files.readAllLines(PROC_STAT), this.cpus);
		}
		catch (IOException ex) {
			return Ticks.NONE;
		}
	}

	/**
	 * Add up the stolen and the total ticks of some CPUs' lines of {@code /proc/stat}.
	 * @param lines the file's lines
	 * @param cpus the CPUs; empty for the machine's total line
	 * @return their ticks
	 */
	static Ticks parse(List<String> lines, BitSet cpus) {
		long stolen = 0;
		long total = 0;
		for (String line : lines) {
			if (!line.startsWith("cpu")) {
				continue;
			}
			String[] fields = line.trim().split("\\s+");
			String name = fields[0];
			boolean wanted = cpus.isEmpty() ? name.equals("cpu")
					: name.length() > 3 && cpus.get(Integer.parseInt(name.substring(3)));
			if (!wanted) {
				continue;
			}
			// user nice system idle iowait irq softirq steal: guest time is already in
			// user
			for (int i = 1; i <= 8 && i < fields.length; i++) {
				total += Long.parseLong(fields[i]);
			}
			if (fields.length > 8) {
				stolen += Long.parseLong(fields[8]);
			}
		}
		return new Ticks(stolen, total);
	}

	/**
	 * Counters of some CPUs at one moment.
	 *
	 * @param stolen ticks given to another guest
	 * @param total every tick of those CPUs
	 */
	record Ticks(long stolen, long total) {

		static final Ticks NONE = new Ticks(0, 0);

		/**
		 * The share of the CPUs' time stolen since an earlier reading.
		 * @param before the earlier reading
		 * @return between 0 and 1; 0 when no time passed or nothing could be read
		 */
		double stolenSince(Ticks before) {
			long total = this.total - before.total;
			return (total > 0) ? (double) (this.stolen - before.stolen) / total : 0;
		}

	}

}
