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

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import javax.imageio.ImageIO;

/**
 * A grouped bar chart written as a PNG with nothing but the JDK: one group per x value
 * (calls in flight, watchers), one bar per target, the median on top of each bar and its
 * interval as a whisker.
 *
 * @author health-grpc authors
 */
final class BarChart {

	private static final int HEIGHT = 560;

	private static final int LEFT = 80;

	private static final int TOP = 60;

	private final String title;

	private final String unit;

	private final List<String> groups;

	private final List<String> series;

	private final List<Color> colors;

	private final List<List<Interval>> values;

	private final Set<Integer> legendRows;

	private final int width;

	/**
	 * A chart.
	 * @param title the title
	 * @param unit the y axis
	 * @param groups the x values
	 * @param series the bars in each group
	 * @param colors each series' colour
	 * @param values [series][group] the median and its interval
	 * @param legendRows the series that begin a new row of the legend
	 */
	BarChart(String title, String unit, List<String> groups, List<String> series, List<Color> colors,
			List<List<Interval>> values, Set<Integer> legendRows) {
		this.title = title;
		this.unit = unit;
		this.groups = groups;
		this.series = series;
		this.colors = colors;
		this.values = values;
		this.legendRows = legendRows;
		this.width = Math.max(960, LEFT + 20 + groups.size() * (series.size() * 38 + 50));
	}

	/**
	 * A target's colour: each role its hue, the Spring Boot 4.1 line a darker shade than
	 * the Spring Boot 3.5 line's.
	 * @param target the target
	 * @return its colour
	 */
	static Color color(Target target) {
		return switch (target) {
			case BARE -> new Color(0xBDBDBD);
			case NET_DEVH -> new Color(0x90CAF9);
			case STARTER -> new Color(0x81C784);
			case STARTER_SLOW -> new Color(0xFFE082);
			case BARE4 -> new Color(0x616161);
			case BOOT4 -> new Color(0x1E63C7);
			case STARTER4 -> new Color(0x2E7D32);
			case STARTER4_SLOW -> new Color(0xF9A825);
		};
	}

	void write(Path file) throws IOException {
		System.setProperty("java.awt.headless", "true");
		BufferedImage image = new BufferedImage(this.width, HEIGHT, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
		g.setColor(Color.WHITE);
		g.fillRect(0, 0, this.width, HEIGHT);
		int right = this.width - 20;
		int bottom = HEIGHT - 120;
		double max = 0;
		for (List<Interval> row : this.values) {
			for (Interval value : row) {
				max = Math.max(max, Double.isNaN(value.high()) ? 0 : value.high());
				max = Math.max(max, Double.isNaN(value.median()) ? 0 : value.median());
			}
		}
		max = niceCeiling(max * 1.08);
		g.setColor(Color.BLACK);
		g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
		g.drawString(this.title, LEFT, 30);
		g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
		g.drawString(this.unit, 10, TOP - 12);
		// y grid
		for (int i = 0; i <= 5; i++) {
			double value = max * i / 5;
			int y = bottom - (int) Math.round((bottom - TOP) * (double) i / 5);
			g.setColor(new Color(0xE0E0E0));
			g.drawLine(LEFT, y, right, y);
			g.setColor(Color.DARK_GRAY);
			String label = Stats.format(value);
			g.drawString(label, LEFT - 8 - g.getFontMetrics().stringWidth(label), y + 4);
		}
		int groupWidth = (right - LEFT) / this.groups.size();
		int barWidth = Math.max(12, Math.min(70, (groupWidth - 40) / Math.max(1, this.series.size())));
		for (int x = 0; x < this.groups.size(); x++) {
			int groupLeft = LEFT + x * groupWidth + (groupWidth - barWidth * this.series.size()) / 2;
			for (int s = 0; s < this.series.size(); s++) {
				Interval value = this.values.get(s).get(x);
				if (Double.isNaN(value.median())) {
					continue;
				}
				int barLeft = groupLeft + s * barWidth;
				int y = yOf(value.median(), max, bottom);
				g.setColor(this.colors.get(s));
				g.fillRect(barLeft + 2, y, barWidth - 4, bottom - y);
				g.setColor(Color.BLACK);
				if (value.rounds() > 1) {
					int center = barLeft + barWidth / 2;
					int yLow = yOf(value.low(), max, bottom);
					int yHigh = yOf(value.high(), max, bottom);
					g.setStroke(new BasicStroke(1.5f));
					g.drawLine(center, yLow, center, yHigh);
					g.drawLine(center - 5, yLow, center + 5, yLow);
					g.drawLine(center - 5, yHigh, center + 5, yHigh);
					y = Math.min(y, yHigh);
				}
				g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
				String label = Stats.format(value.median());
				FontMetrics metrics = g.getFontMetrics();
				g.drawString(label, barLeft + (barWidth - metrics.stringWidth(label)) / 2, y - 4);
			}
			g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
			String group = this.groups.get(x);
			g.drawString(group, LEFT + x * groupWidth + (groupWidth - g.getFontMetrics().stringWidth(group)) / 2,
					bottom + 20);
		}
		g.setColor(Color.BLACK);
		g.drawLine(LEFT, bottom, right, bottom);
		legend(g, bottom + 45, right);
		g.setFont(new Font(Font.SANS_SERIF, Font.ITALIC, 11));
		g.setColor(Color.DARK_GRAY);
		g.drawString("bars: median of the rounds; whiskers: its 95% bootstrap interval", LEFT, HEIGHT - 10);
		g.dispose();
		ImageIO.write(image, "png", file.toFile());
	}

	/** The legend, wrapped onto as many rows as it needs. */
	private void legend(Graphics2D g, int top, int right) {
		g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
		int x = LEFT;
		int y = top;
		for (int s = 0; s < this.series.size(); s++) {
			int itemWidth = 40 + g.getFontMetrics().stringWidth(this.series.get(s));
			if (x > LEFT && (x + itemWidth > right || this.legendRows.contains(s))) {
				x = LEFT;
				y += 22;
			}
			g.setColor(this.colors.get(s));
			g.fillRect(x, y - 12, 14, 14);
			g.setColor(Color.BLACK);
			g.drawString(this.series.get(s), x + 20, y);
			x += itemWidth;
		}
	}

	private static int yOf(double value, double max, int bottom) {
		return bottom - (int) Math.round((bottom - TOP) * Math.min(value, max) / max);
	}

	private static double niceCeiling(double value) {
		if (value <= 0 || Double.isNaN(value)) {
			return 1;
		}
		double power = Math.pow(10, Math.floor(Math.log10(value)));
		for (double step : new double[] { 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10 }) {
			if (step * power >= value) {
				return step * power;
			}
		}
		return 10 * power;
	}

}
