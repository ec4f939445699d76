/* text_stopwords.c — the function words of the languages scraped news is
 * mostly written in, and the share of them in a piece of text: the signal
 * that tells running prose from menus, link titles and labels in any site's
 * text (prose is a third or more function words; a headline or a menu far
 * less).  The lists are the most frequent function words of each language
 * (articles, pronouns, prepositions, conjunctions, auxiliaries), written
 * for galley: short on purpose, since only the share matters. */
#include <glib.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

struct stop_list {
	const char *lang;
	const char *const *words;
	size_t n;
};

static const char *S_en[] = {
	"a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
	"but", "by", "can", "could", "did", "do", "does", "for", "from", "had", "has", "have", "he",
	"her", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "just", "more",
	"most", "my", "no", "not", "of", "on", "one", "only", "or", "other", "our", "out", "over",
	"said", "she", "so", "some", "than", "that", "the", "their", "them", "then", "there",
	"these", "they", "this", "those", "to", "up", "was", "we", "were", "what", "when", "where",
	"which", "while", "who", "will", "with", "would", "you", "your"};
static const char *S_de[] = {
	"aber", "als", "am", "an", "auch", "auf", "aus", "bei", "bis", "das", "dass", "dem", "den",
	"der", "des", "die", "doch", "durch", "ein", "eine", "einem", "einen", "einer", "es", "für",
	"hat", "hatte", "ich", "ihr", "im", "in", "ist", "kann", "man", "mit", "nach", "nicht",
	"noch", "nur", "oder", "schon", "sei", "sich", "sie", "sind", "so", "um", "und", "uns",
	"vom", "von", "vor", "war", "wie", "wir", "wird", "wurde", "zu", "zum", "zur"};
static const char *S_fr[] = {
	"a", "au", "aux", "avec", "ce", "cette", "d", "dans", "de", "des", "du", "elle", "en",
	"est", "et", "été", "il", "ils", "je", "l", "la", "le", "les", "leur", "lui", "mais", "ne",
	"nous", "on", "ont", "ou", "par", "pas", "plus", "pour", "qu", "que", "qui", "s", "sa",
	"se", "ses", "son", "sont", "sur", "un", "une", "y", "à"};
static const char *S_es[] = {
	"a", "al", "como", "con", "de", "del", "el", "ella", "en", "entre", "era", "es", "esta",
	"este", "fue", "ha", "han", "la", "las", "le", "lo", "los", "más", "no", "o", "para",
	"pero", "por", "que", "se", "sin", "sobre", "son", "su", "sus", "también", "un", "una",
	"y", "ya"};
static const char *S_it[] = {
	"a", "al", "alla", "anche", "che", "ci", "come", "con", "da", "dal", "dei", "del", "della",
	"di", "e", "gli", "ha", "hanno", "i", "il", "in", "la", "le", "lo", "ma", "nel", "nella",
	"non", "per", "più", "si", "sono", "su", "sua", "suo", "tra", "un", "una", "è"};
static const char *S_pt[] = {
	"a", "ao", "as", "com", "como", "da", "das", "de", "do", "dos", "e", "ela", "ele", "em",
	"entre", "era", "foi", "mais", "mas", "na", "nas", "no", "nos", "não", "o", "os", "ou",
	"para", "pela", "pelo", "por", "que", "se", "seu", "sua", "são", "também", "um", "uma",
	"à", "é"};
static const char *S_nl[] = {
	"aan", "al", "als", "bij", "dan", "dat", "de", "die", "dit", "door", "een", "en", "er",
	"heeft", "het", "hij", "hun", "ik", "in", "is", "je", "maar", "met", "naar", "niet", "nog",
	"of", "om", "ook", "op", "over", "te", "tot", "uit", "van", "voor", "was", "wat", "we",
	"werd", "wordt", "zijn", "ze", "zich"};
static const char *S_cs[] = {
	"a", "ale", "aby", "by", "byl", "byla", "bylo", "do", "i", "jak", "jako", "je", "jeho",
	"jen", "jsem", "jsou", "k", "kde", "když", "ke", "která", "které", "který", "mu", "na",
	"nebo", "ne", "o", "od", "po", "pro", "před", "při", "s", "se", "si", "tak", "také", "to",
	"u", "v", "ve", "z", "za", "ze", "že"};
static const char *S_pl[] = {
	"a", "ale", "był", "była", "było", "co", "dla", "do", "i", "jak", "jako", "jest", "już",
	"nie", "na", "o", "od", "po", "przez", "przy", "się", "są", "tak", "także", "to", "w",
	"we", "z", "za", "ze", "że"};
static const char *S_ru[] = {
	"а", "без", "бы", "был", "была", "были", "было", "в", "во", "вы", "да", "для", "до",
	"его", "ее", "её", "же", "за", "и", "из", "или", "их", "к", "как", "ко", "мы", "на", "не",
	"но", "о", "об", "он", "она", "они", "оно", "от", "по", "при", "с", "со", "так", "также",
	"то", "у", "что", "это", "я"};
static const char *S_sv[] = {
	"att", "av", "de", "del", "den", "det", "där", "efter", "en", "ett", "för", "har", "hon",
	"han", "i", "inte", "jag", "kan", "med", "men", "nu", "när", "och", "om", "på", "sig",
	"som", "till", "under", "var", "vi", "vid", "är"};
static const char *S_id[] = {
	"ada", "adalah", "akan", "atau", "bahwa", "bisa", "dalam", "dan", "dari", "dengan", "di",
	"ini", "itu", "jika", "juga", "kami", "karena", "ke", "kita", "lebih", "maka", "mereka",
	"oleh", "pada", "saya", "sebagai", "seperti", "sudah", "telah", "tidak", "untuk", "yang"};
static const char *S_tr[] = {
	"ama", "bir", "bu", "da", "de", "daha", "en", "gibi", "her", "için", "ile", "kadar", "ki",
	"mi", "ne", "o", "olan", "olarak", "sonra", "ve", "veya", "ya", "çok", "şu"};

#define LIST(code, arr) {code, arr, sizeof arr / sizeof *arr}
static struct stop_list S_lists[] = {
	LIST("en", S_en), LIST("de", S_de), LIST("fr", S_fr), LIST("es", S_es),
	LIST("it", S_it), LIST("pt", S_pt), LIST("nl", S_nl), LIST("cs", S_cs),
	LIST("pl", S_pl), LIST("ru", S_ru), LIST("sv", S_sv), LIST("id", S_id),
	LIST("tr", S_tr),
};
#define N_LISTS (sizeof S_lists / sizeof *S_lists)

/* Every function word, with a bit per language that has it: one look-up
 * a word, whatever the number of languages.  An open-addressed table of
 * its own, made on first use: GLib's, through its hash and equality
 * callbacks, cost 180 instructions a word of text. */
#define STOP_SLOTS 2048   /* a power of two, over three times the words */
static struct stop_slot {
	const char *word;
	guint bits;
} S_slots[STOP_SLOTS];
static int S_made;

/* FNV-1a of the bytes of W. */
static uint32_t S_hash(const char *w)
{
	uint32_t h = 2166136261u;
	for (; *w; w++)
		h = (h ^ (unsigned char)*w) * 16777619u;
	return h;
}

/* The slot of W, or the empty slot where it would go. */
static struct stop_slot *S_slot(const char *w)
{
	for (uint32_t i = S_hash(w) & (STOP_SLOTS - 1);; i = (i + 1) & (STOP_SLOTS - 1))
		if (!S_slots[i].word || strcmp(S_slots[i].word, w) == 0)
			return &S_slots[i];
}

static void S_table(void)
{
	if (S_made)
		return;
	for (size_t i = 0; i < N_LISTS; i++)
		for (size_t k = 0; k < S_lists[i].n; k++) {
			struct stop_slot *slot = S_slot(S_lists[i].words[k]);
			slot->word = S_lists[i].words[k];
			slot->bits |= 1u << i;
		}
	S_made = 1;
}

/* Calls FN on each word of TEXT, lower-cased (letters and digits; the
 * apostrophe of "l'homme" ends a word, as the French list means). */
static void S_each_word(const char *text, size_t max, void (*fn)(const char *w, void *arg),
                        void *arg)
{
	char word[64];
	size_t n = 0;
	const char *end = text + max;
	for (const char *p = text;; ) {
		gunichar c = 0;
		if (p < end && *p) {
			unsigned char b = (unsigned char)*p;
			if (b < 0x80) {
				c = (gunichar)(b >= 'A' && b <= 'Z' ? b - 'A' + 'a' : b);
				p++;
			} else {
				c = g_unichar_tolower(g_utf8_get_char(p));
				p = g_utf8_next_char(p);
			}
		}
		if (c && (c < 0x80 ? ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
		                   : g_unichar_isalnum(c))) {
			if (n + 6 < sizeof word) {
				if (c < 0x80)
					word[n++] = (char)c;    /* its UTF-8, without a call */
				else
					n += (size_t)g_unichar_to_utf8(c, word + n);
			}
			continue;
		}
		if (n) {
			word[n] = '\0';
			fn(word, arg);
			n = 0;
		}
		if (!c)
			break;
	}
}

struct count {
	size_t words;
	size_t hits[N_LISTS];
};

static void S_count(const char *w, void *arg)
{
	struct count *c = arg;
	c->words++;
	guint bits = S_slot(w)->bits;
	for (size_t i = 0; bits; i++, bits >>= 1)
		c->hits[i] += bits & 1u;
}

/* Enough text to tell a language by. */
#define STOP_LANG_SAMPLE 6000

const char *galley_text_stop_lang(const char *text)
{
	S_table();
	struct count c = {0};
	S_each_word(text, STOP_LANG_SAMPLE, S_count, &c);
	size_t best = 0;
	for (size_t i = 1; i < N_LISTS; i++)
		if (c.hits[i] > c.hits[best])
			best = i;
	/* a language is named only when its function words are common: a
	 * text in another script, or too short, has none */
	if (c.words < 20 || c.hits[best] * 6 < c.words)
		return NULL;
	return S_lists[best].lang;
}

double galley_text_stop_share(const char *lang, const char *text, size_t *words)
{
	S_table();
	size_t list = N_LISTS;
	for (size_t i = 0; lang && i < N_LISTS; i++)
		if (strcmp(S_lists[i].lang, lang) == 0)
			list = i;
	struct count c = {0};
	S_each_word(text, (size_t)-1 / 2, S_count, &c);
	if (words)
		*words = c.words;
	if (list == N_LISTS || c.words == 0)
		return -1;
	return (double)c.hits[list] / (double)c.words;
}
