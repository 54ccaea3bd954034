#!/usr/bin/env bash
# Generates the voice prompt clips under src/main/resources/prompts/{ja,en}/ with espeak-ng and sox.
#
# Every clip is 8 kHz, mono, 16-bit linear PCM WAV with leading and trailing silence trimmed, the
# format PromptLibrary loads. Operators can replace any clip with a studio recording of the same
# name in the folder named by kodama.voice.prompts-dir.
#
# Japanese texts are written in kana: espeak-ng's ja voice does not read kanji.
# Needs: espeak-ng, sox (Debian: apt-get install -y espeak-ng sox).
# Usage: scripts/generate-prompts.sh [output-dir]   (default: src/main/resources/prompts)
set -euo pipefail

OUT="${1:-$(cd "$(dirname "$0")/.." && pwd)/src/main/resources/prompts}"
RATE=8000
SPEED="${KODAMA_PROMPT_SPEED:-150}"
PAUSE_MS=350
END_SILENCE_MS=120

for tool in espeak-ng sox; do
  command -v "$tool" >/dev/null || { echo "$tool is missing (apt-get install -y espeak-ng sox)" >&2; exit 1; }
done

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# say LANG NAME TEXT: synthesize TEXT, resample to 8 kHz mono 16-bit, trim silence at both ends.
say() {
  local voice="$1" name="$2" text="$3" dir="$OUT/$1"
  mkdir -p "$dir"
  espeak-ng -v "$voice" -s "$SPEED" -w "$TMP/raw.wav" "$text"
  sox "$TMP/raw.wav" -r "$RATE" -c 1 -b 16 -e signed-integer "$TMP/8k.wav" \
    silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse gain -n -3
  # a few ms of silence at both ends so clips join without clicks
  sox "$TMP/8k.wav" "$dir/$name.wav" pad 0.01 0.01
}

# silence LANG NAME MILLIS
silence() {
  mkdir -p "$OUT/$1"
  sox -n -r "$RATE" -c 1 -b 16 -e signed-integer "$OUT/$1/$2.wav" trim 0 "0.$(printf '%03d' "$3")"
}

# --- Japanese (kana) ---
ja_digits=(ゼロ いち に さん よん ご ろく なな はち きゅう)
for d in "${!ja_digits[@]}"; do say ja "$d" "${ja_digits[$d]}"; done
say ja intro "こちらは"
say ja intro-generic "にんしょうコードを おしらせします"
say ja code-is "にんしょうコードは"
say ja end-of-code "です"
say ja repeat "くりかえします"
say ja gate-any-key "コードを きくには なにか ボタンを おしてください"
say ja gate-digit "コードを きくには つぎの ボタンを おしてください"
say ja press-1-to-repeat "もういちど きくには いちを おしてください"
say ja goodbye "しつれいします"
silence ja pause "$PAUSE_MS"

# --- English ---
en_digits=(zero one two three four five six seven eight nine)
for d in "${!en_digits[@]}"; do say en "$d" "${en_digits[$d]}"; done
say en intro "This is"
say en intro-generic "This is an automated call with your verification code."
say en code-is "Your verification code is"
silence en end-of-code "$END_SILENCE_MS"
say en repeat "Again"
say en gate-any-key "Press any key to hear your code."
say en gate-digit "To hear your code, press"
say en press-1-to-repeat "To hear it again, press 1."
say en goodbye "Goodbye."
silence en pause "$PAUSE_MS"

echo "prompts written to $OUT"
