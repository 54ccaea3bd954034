package io.kodama.simulator.phone.media;

import io.kodama.voice.prompts.PromptLanguage;
import io.kodama.voice.prompts.PromptLibrary;
import java.util.ArrayList;
import java.util.List;

/**
 * Recognises which digits a call read, by matching what was heard against the digit clips of the
 * prompt library (every language): the phone knows the voice it is listening to.
 *
 * <p>The audio is split into sounds at silences (10 ms frames below an energy threshold, gaps of
 * at least {@value #MIN_GAP_FRAMES}0 ms). For each sound and each digit clip whose length fits
 * the sound (or a run of sounds, for a clip with a gap inside), the clip is aligned on the
 * sound's onset and slid by up to ±{@value #MAX_LAG} samples (when no digit fits that way, as when
 * a lost packet took the onset, the clip is aligned on the sound's end instead); the normalized
 * cross-correlation of the waveforms scores the match. G.711 (µ-law, A-law) keeps it near 1 for the right digit, while
 * other digits and the phrases score far lower. Sounds that match no digit (phrases, the brand)
 * end a run of digits.
 *
 * <p>Built for the synthesized or recorded clips Kodama plays, not for speech in general.
 * Thread-safe.
 */
public final class DigitRecognizer {

  static final int FRAME = 80;
  static final int MIN_GAP_FRAMES = 15;
  static final int MAX_LAG = 48;
  static final double MIN_SCORE = 0.7;
  static final double MIN_THRESHOLD = 150;
  private static final int LONG_SILENCE_SAMPLES = 8000 * 2;

  private final List<Template> templates = new ArrayList<>();

  /** Learns the digit clips of every language of the library. */
  public DigitRecognizer(PromptLibrary prompts) {
    for (PromptLanguage language : PromptLanguage.values()) {
      for (int d = 0; d <= 9; d++) {
        short[] clip = prompts.digit(language, d);
        Template template = Template.of((char) ('0' + d), clip);
        if (template != null) {
          templates.add(template);
        }
      }
    }
  }

  /** Recognises the runs of digits in 8 kHz PCM audio. */
  public Recognition recognize(short[] pcm) {
    double threshold = threshold(pcm);
    List<Segment> segments = segments(pcm, threshold);
    List<String> runs = new ArrayList<>();
    StringBuilder run = new StringBuilder();
    int lastEnd = -1;
    int i = 0;
    while (i < segments.size()) {
      Segment segment = segments.get(i);
      if (run.length() > 0 && segment.start() - lastEnd > LONG_SILENCE_SAMPLES) {
        runs.add(run.toString());
        run.setLength(0);
      }
      Match match = bestMatch(pcm, segments, i, threshold);
      if (match != null) {
        run.append(match.digit());
        lastEnd = segments.get(match.lastSegment()).end();
        i = match.lastSegment() + 1;
      } else {
        if (run.length() > 0) {
          runs.add(run.toString());
          run.setLength(0);
        }
        lastEnd = segment.end();
        i++;
      }
    }
    if (run.length() > 0) {
      runs.add(run.toString());
    }
    return new Recognition(runs);
  }

  // ------------------------------------------------------------------ matching

  private record Match(char digit, int lastSegment, double score) {}

  private Match bestMatch(short[] pcm, List<Segment> segments, int first, double threshold) {
    int onset = onset(pcm, segments.get(first), threshold);
    Match best = null;
    List<Candidate> candidates = new ArrayList<>();
    for (Template template : templates) {
      int expectedEnd = onset + template.samples.length;
      int tolerance = template.samples.length / 8 + 3 * FRAME;
      int last = -1;
      for (int k = first; k < segments.size(); k++) {
        int end = segments.get(k).end();
        if (Math.abs(end - expectedEnd) <= tolerance) {
          last = k;
          break;
        }
        if (end > expectedEnd + tolerance) {
          break;
        }
      }
      if (last < 0) {
        continue;
      }
      candidates.add(new Candidate(template, last));
      double score = template.score(pcm, onset, MAX_LAG);
      if (score >= MIN_SCORE && (best == null || score > best.score())) {
        best = new Match(template.digit, last, score);
      }
    }
    if (best == null) {
      // the onset may have been lost (a lost packet): align the ends instead
      for (Candidate candidate : candidates) {
        Template template = candidate.template();
        int end = segments.get(candidate.last()).end() - template.samples.length;
        double score = template.score(pcm, end, 2 * FRAME);
        if (score >= MIN_SCORE && (best == null || score > best.score())) {
          best = new Match(template.digit, candidate.last(), score);
        }
      }
    }
    return best;
  }

  private record Candidate(Template template, int last) {}

  private static final class Template {
    final char digit;
    final float[] samples;
    final double energy;

    private Template(char digit, float[] samples) {
      this.digit = digit;
      this.samples = samples;
      double e = 0;
      for (float s : samples) {
        e += (double) s * s;
      }
      this.energy = e;
    }

    static Template of(char digit, short[] clip) {
      double threshold = MIN_THRESHOLD; // clips are trimmed: no silence to measure a floor on
      List<Segment> segments = segments(clip, threshold);
      if (segments.isEmpty()) {
        return null;
      }
      int start = onset(clip, segments.get(0), threshold);
      int end = segments.get(segments.size() - 1).end();
      float[] samples = new float[end - start];
      for (int i = 0; i < samples.length; i++) {
        samples[i] = clip[start + i];
      }
      return new Template(digit, samples);
    }

    /** The best normalized cross-correlation with the audio within {@code maxLag} of a place. */
    double score(short[] pcm, int at, int maxLag) {
      double best = 0;
      for (int lag = -maxLag; lag <= maxLag; lag++) {
        best = Math.max(best, ncc(pcm, at + lag));
      }
      return best;
    }

    private double ncc(short[] pcm, int at) {
      int n = samples.length;
      double cross = 0;
      double power = 0;
      int from = Math.max(0, -at);
      int to = Math.min(n, pcm.length - at);
      for (int i = from; i < to; i++) {
        float x = pcm[at + i];
        cross += x * samples[i];
        power += x * x;
      }
      return power > 0 ? cross / Math.sqrt(power * energy) : 0;
    }
  }

  // ------------------------------------------------------------------ segmentation

  record Segment(int start, int end) {}

  /** Energy threshold: above the noise floor (10th percentile of frame RMS), at least 150. */
  static double threshold(short[] pcm) {
    int frames = pcm.length / FRAME;
    if (frames == 0) {
      return MIN_THRESHOLD;
    }
    double[] rms = new double[frames];
    for (int f = 0; f < frames; f++) {
      rms[f] = rms(pcm, f * FRAME);
    }
    java.util.Arrays.sort(rms);
    double floor = rms[frames / 10];
    return Math.max(MIN_THRESHOLD, floor * 4);
  }

  static List<Segment> segments(short[] pcm, double threshold) {
    List<Segment> segments = new ArrayList<>();
    int frames = pcm.length / FRAME;
    int start = -1;
    int lastActive = -1;
    for (int f = 0; f < frames; f++) {
      if (rms(pcm, f * FRAME) >= threshold) {
        if (start < 0) {
          start = f;
        } else if (f - lastActive > MIN_GAP_FRAMES) {
          segments.add(new Segment(start * FRAME, (lastActive + 1) * FRAME));
          start = f;
        }
        lastActive = f;
      }
    }
    if (start >= 0) {
      segments.add(new Segment(start * FRAME, (lastActive + 1) * FRAME));
    }
    return segments;
  }

  /** The first sample of a segment (or of the frame before it) louder than twice the threshold. */
  static int onset(short[] pcm, Segment segment, double threshold) {
    int from = Math.max(0, segment.start() - FRAME);
    for (int i = from; i < segment.end(); i++) {
      if (Math.abs(pcm[i]) >= 2 * threshold) {
        return i;
      }
    }
    return segment.start();
  }

  private static double rms(short[] pcm, int from) {
    double sum = 0;
    for (int i = from; i < from + FRAME; i++) {
      sum += (double) pcm[i] * pcm[i];
    }
    return Math.sqrt(sum / FRAME);
  }
}
