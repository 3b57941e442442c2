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

import javax.imageio.ImageIO;

/**
 * A grouped bar chart written as a PNG with nothing but the JDK: one group per x value
 * (calls in flight, watchers), one bar per target, the median on top of each bar and the
 * rounds' spread as a whisker.
 *
 * @author health-grpc authors
 */
final class BarChart {

	private static final Color[] COLORS = { new Color(0x9E9E9E), new Color(0x5B8DEF), new Color(0x2E7D32),
			new Color(0xF9A825) };

	private static final int WIDTH = 960;

	private static final int HEIGHT = 520;

	private final String title;

	private final String unit;

	private final List<String> groups;

	private final List<String> series;

	private final double[][] median;

	private final double[][] low;

	private final double[][] high;

	/**
	 * A chart.
	 * @param title the title
	 * @param unit the y axis
	 * @param groups the x values
	 * @param series the bars in each group
	 * @param median [series][group] bar heights
	 * @param low [series][group] whisker bottoms
	 * @param high [series][group] whisker tops
	 */
	BarChart(String title, String unit, List<String> groups, List<String> series, double[][] median, double[][] low,
			double[][] high) {
		this.title = title;
		this.unit = unit;
		this.groups = groups;
		this.series = series;
		this.median = median;
		this.low = low;
		this.high = high;
	}

	void write(Path file) throws IOException {
		System.setProperty("java.awt.headless", "true");
		BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
		g.setColor(Color.WHITE);
		g.fillRect(0, 0, WIDTH, HEIGHT);
		int left = 80;
		int right = WIDTH - 20;
		int top = 60;
		int bottom = HEIGHT - 90;
		double max = 0;
		for (int s = 0; s < this.series.size(); s++) {
			for (int x = 0; x < this.groups.size(); x++) {
				max = Math.max(max, Double.isNaN(this.high[s][x]) ? this.median[s][x] : this.high[s][x]);
			}
		}
		max = niceCeiling(max * 1.08);
		g.setColor(Color.BLACK);
		g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
		g.drawString(this.title, left, 30);
		g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
		g.drawString(this.unit, 10, top - 12);
		// y grid
		for (int i = 0; i <= 5; i++) {
			double value = max * i / 5;
			int y = bottom - (int) Math.round((bottom - top) * (double) i / 5);
			g.setColor(new Color(0xE0E0E0));
			g.drawLine(left, y, right, y);
			g.setColor(Color.DARK_GRAY);
			String label = Stats.format(value);
			g.drawString(label, left - 8 - g.getFontMetrics().stringWidth(label), y + 4);
		}
		int groupWidth = (right - left) / this.groups.size();
		int barWidth = Math.min(70, (groupWidth - 40) / this.series.size());
		for (int x = 0; x < this.groups.size(); x++) {
			int groupLeft = left + x * groupWidth + (groupWidth - barWidth * this.series.size()) / 2;
			for (int s = 0; s < this.series.size(); s++) {
				double value = this.median[s][x];
				if (Double.isNaN(value)) {
					continue;
				}
				int barLeft = groupLeft + s * barWidth;
				int y = yOf(value, max, top, bottom);
				g.setColor(COLORS[s % COLORS.length]);
				g.fillRect(barLeft + 3, y, barWidth - 6, bottom - y);
				g.setColor(Color.BLACK);
				if (!Double.isNaN(this.low[s][x]) && !Double.isNaN(this.high[s][x])) {
					int center = barLeft + barWidth / 2;
					int yLow = yOf(this.low[s][x], max, top, bottom);
					int yHigh = yOf(this.high[s][x], max, top, bottom);
					g.setStroke(new BasicStroke(1.5f));
					g.drawLine(center, yLow, center, yHigh);
					g.drawLine(center - 6, yLow, center + 6, yLow);
					g.drawLine(center - 6, yHigh, center + 6, yHigh);
					y = Math.min(y, yHigh);
				}
				g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
				String label = Stats.format(value);
				FontMetrics metrics = g.getFontMetrics();
				g.drawString(label, barLeft + (barWidth - metrics.stringWidth(label)) / 2, y - 4);
			}
			g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
			String group = this.groups.get(x);
			g.drawString(group, left + x * groupWidth + (groupWidth - g.getFontMetrics().stringWidth(group)) / 2,
					bottom + 20);
		}
		g.setColor(Color.BLACK);
		g.drawLine(left, bottom, right, bottom);
		// legend
		g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
		int legendX = left;
		for (int s = 0; s < this.series.size(); s++) {
			g.setColor(COLORS[s % COLORS.length]);
			g.fillRect(legendX, HEIGHT - 45, 14, 14);
			g.setColor(Color.BLACK);
			g.drawString(this.series.get(s), legendX + 20, HEIGHT - 33);
			legendX += 40 + g.getFontMetrics().stringWidth(this.series.get(s));
		}
		g.setFont(new Font(Font.SANS_SERIF, Font.ITALIC, 11));
		g.setColor(Color.DARK_GRAY);
		g.drawString("bars: median of the rounds; whiskers: lowest and highest round", left, HEIGHT - 10);
		g.dispose();
		ImageIO.write(image, "png", file.toFile());
	}

	private static int yOf(double value, double max, int top, int bottom) {
		return bottom - (int) Math.round((bottom - top) * Math.min(value, max) / max);
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
