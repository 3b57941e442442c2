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

package io.github.healthgrpc.testsupport;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

import javax.management.ObjectName;

/**
 * A class histogram of the live heap, as {@code jmap -histo:live} prints it (it runs a
 * full collection first), taken in-process through the {@code DiagnosticCommand} MBean.
 *
 * @author health-grpc authors
 */
public final class LiveHeapHistogram {

	private final Map<String, long[]> classes;

	private LiveHeapHistogram(Map<String, long[]> classes) {
		this.classes = classes;
	}

	/**
	 * Take a histogram now.
	 * @return the instances and bytes of every class
	 * @throws Exception if the diagnostic command fails
	 */
	public static LiveHeapHistogram take() throws Exception {
		String text = (String) ManagementFactory.getPlatformMBeanServer()
			.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
					new Object[] { new String[0] }, new String[] { String[].class.getName() });
		Map<String, long[]> classes = new HashMap<>();
		for (String line : text.split("\n")) {
			String[] words = line.trim().split("\\s+");
			if (words.length >= 4 && words[0].endsWith(":")) {
				// lambda classes are numbered per run: count them by their capturing
				// class
				String name = words[3].replaceAll("\\$\\$Lambda.*", "\\$\\$Lambda");
				classes.merge(name, new long[] { Long.parseLong(words[1]), Long.parseLong(words[2]) },
						(a, b) -> new long[] { a[0] + b[0], a[1] + b[1] });
			}
		}
		return new LiveHeapHistogram(classes);
	}

	/**
	 * What grew since an earlier histogram, per unit (for example per open stream): every
	 * class that gained at least half an instance per unit, and the total.
	 * @param earlier the histogram before
	 * @param units how many units were added in between
	 * @param prefix only classes whose name starts with it ("" for all)
	 * @return bytes per unit of those classes
	 */
	public double bytesPerUnitSince(LiveHeapHistogram earlier, int units, String prefix) {
		long bytes = 0;
		for (Map.Entry<String, long[]> entry : this.classes.entrySet()) {
			if (!entry.getKey().startsWith(prefix)) {
				continue;
			}
			long[] before = earlier.classes.getOrDefault(entry.getKey(), new long[2]);
			long instances = entry.getValue()[0] - before[0];
			if (instances * 2 >= units) {
				bytes += entry.getValue()[1] - before[1];
			}
		}
		return (double) bytes / units;
	}

	/**
	 * Print every class that gained at least half an instance per unit.
	 * @param earlier the histogram before
	 * @param units how many units were added in between
	 * @param title what was measured
	 */
	public void printPerUnitSince(LiveHeapHistogram earlier, int units, String title) {
		System.out.printf("%s: live heap per unit, %d units (class: instances, bytes per unit)%n", title, units);
		this.classes.entrySet().stream().map((entry) -> {
			long[] before = earlier.classes.getOrDefault(entry.getKey(), new long[2]);
			return Map.entry(entry.getKey(),
					new long[] { entry.getValue()[0] - before[0], entry.getValue()[1] - before[1] });
		})
			.filter((entry) -> entry.getValue()[0] * 2 >= units)
			.sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
			.forEach((entry) -> System.out.printf("  %-90s %6.2f %8.1f%n", entry.getKey(),
					(double) entry.getValue()[0] / units, (double) entry.getValue()[1] / units));
		System.out.printf("  total of these: %.1f bytes per unit%n", bytesPerUnitSince(earlier, units, ""));
	}

}
