/* text_stopwords.c — the function words of the languages scraped news is
 * mostly written in, and the share of them in a piece of text: the signal
 * that tells running prose from menus, link titles and labels in any site's
 * text (prose is a third or more function words; a headline or a menu far
 * less).  The lists are the most frequent function words of each language
 * (articles, pronouns, prepositions, conjunctions, auxiliaries), written
 * for galley: short on purpose, since only the share matters. */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

struct stop_list {
	const char *lang;
	const char *const *words;   /* sorted by strcmp, set up on first use */
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

static int S_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The lists are written by language, not in strcmp order (accented words
 * sort by bytes): sorted once, so that a look-up is a binary search. */
static void S_sort(void)
{
	static int sorted;
	if (sorted)
		return;
	for (size_t i = 0; i < N_LISTS; i++)
		qsort((void *)S_lists[i].words, S_lists[i].n, sizeof *S_lists[i].words, S_cmp);
	sorted = 1;
}

static int S_is_stop(const struct stop_list *l, const char *word)
{
	return bsearch(&word, l->words, l->n, sizeof *l->words, S_cmp) != NULL;
}

/* Calls FN on each word of TEXT, lower-cased (letters and apostrophes
 * inside a word; "l'homme" gives "l" and "homme", as French lists mean). */
static void S_each_word(const char *text, void (*fn)(const char *w, void *arg), void *arg)
{
	gchar *low = g_utf8_strdown(text, -1);
	char word[64];
	size_t n = 0;
	for (const char *p = low;; p = g_utf8_next_char(p)) {
		gunichar c = *p ? g_utf8_get_char(p) : 0;
		if (c && g_unichar_isalnum(c)) {
			int len = g_unichar_to_utf8(c, NULL);
			if (n + (size_t)len < sizeof word)
				n += (size_t)g_unichar_to_utf8(c, word + n);
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
	g_free(low);
}

struct count {
	const struct stop_list *list;   /* NULL: count against every list */
	size_t words;
	size_t hits[N_LISTS];
};

static void S_count(const char *w, void *arg)
{
	struct count *c = arg;
	c->words++;
	for (size_t i = 0; i < N_LISTS; i++)
		if ((!c->list || c->list == &S_lists[i]) && S_is_stop(&S_lists[i], w))
			c->hits[i]++;
}

const char *galley_text_stop_lang(const char *text)
{
	S_sort();
	struct count c = {0};
	S_each_word(text, S_count, &c);
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
	S_sort();
	struct count c = {0};
	for (size_t i = 0; lang && i < N_LISTS; i++)
		if (strcmp(S_lists[i].lang, lang) == 0)
			c.list = &S_lists[i];
	if (!c.list) {
		c.list = &S_lists[0];
		lang = NULL;
	}
	S_each_word(text, S_count, &c);
	if (words)
		*words = c.words;
	if (!lang || c.words == 0)
		return -1;
	return (double)c.hits[c.list - S_lists] / (double)c.words;
}
