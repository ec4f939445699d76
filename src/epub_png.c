/* epub_png.c — a fast PNG encoder for the cover: cairo's pixels, row filters that turn flat colour into zeros, a run-length deflate coder. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "epub.h"

/* cairo's PNG writer (libpng, default filters and level) took 50 ms for a
 * cover, more than the whole rest of the book (issue 4: an EPUB in well
 * under 10 ms).  A cover is mostly flat colour: a row equal to the one above
 * filtered "Up", any other row of colour filtered "Sub", both turn flat
 * runs into zeros, which a run-length deflate coder packs at memory speed.
 * A cover drawn in greys only is drawn as one byte of ink a pixel and
 * written in 16 greys, two pixels a byte: a quarter of the memory to fill
 * and read, a sixth of the bytes to code; its rows of text are filtered
 * "Up" too, as strokes and paper go on from row to row. */

static void S_be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static void S_chunk(galley_buf *out, const char *type, const unsigned char *data, size_t len)
{
	unsigned char head[8];
	S_be32(head, (uint32_t)len);
	memcpy(head + 4, type, 4);
	galley_buf_put(out, (const char *)head, 8);
	if (len)
		galley_buf_put(out, (const char *)data, len);
	uLong crc = crc32(0L, (const Bytef *)type, 4);
	if (len)
		crc = crc32(crc, data, (uInt)len);
	unsigned char tail[4];
	S_be32(tail, (uint32_t)crc);
	galley_buf_put(out, (const char *)tail, 4);
}

/* The grey of INK as one of 16 levels, as e-ink screens show: the nearest
 * of 0, 17, ... 255, that is (255 - ink + 8) / 17, without a division. */
static unsigned S_grey4(unsigned ink)
{
	return (263 - ink) * 241 >> 12;
}

/* The 4-bit grey of each byte of ink, made once (a 64 KiB table of
 * pairs cost more to make than a cover's packing saved). */
static uint8_t S_grey[256];
static int S_grey_made;

static void S_grey_init(void)
{
	if (S_grey_made)
		return;
	for (unsigned i = 0; i < 256; i++)
		S_grey[i] = (uint8_t)S_grey4(i);
	S_grey_made = 1;
}

/* Two pixels of ink as one byte of two greys, the first in the high half. */
static inline unsigned char S_pair(unsigned a, unsigned b)
{
	return (unsigned char)(S_grey[a] << 4 | S_grey[b]);
}

/* The W pixels of ink of ROW as W / 2 bytes of two greys at OUT; returns
 * how many pixels it packed (a multiple of 16).  With SSE2 (every x86-64)
 * sixteen pixels at a time: sixteen of PAPER become eight bytes of PAIR at
 * once (most of a row of text is paper), others the grey of each,
 * (263 - ink) * 241 >> 12, in 16-bit lanes, then each pair's two greys
 * into one byte. */
static int S_pack16(const unsigned char *row, int width, unsigned char paper, unsigned char pair,
                    unsigned char *out)
{
	int x = 0;
#ifdef __SSE2__
	const __m128i zero = _mm_setzero_si128(), c263 = _mm_set1_epi16(263),
	              c241 = _mm_set1_epi16(241), high = _mm_set1_epi32(0xf0),
	              papers = _mm_set1_epi8((char)paper), pairs = _mm_set1_epi8((char)pair);
	for (; x + 16 <= width; x += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(row + x));
		if (_mm_movemask_epi8(_mm_cmpeq_epi8(v, papers)) == 0xffff) {
			_mm_storel_epi64((__m128i *)(void *)(out + x / 2), pairs);
			continue;
		}
		__m128i lo = _mm_unpacklo_epi8(v, zero), hi = _mm_unpackhi_epi8(v, zero);
		lo = _mm_srli_epi16(_mm_mullo_epi16(_mm_sub_epi16(c263, lo), c241), 12);
		hi = _mm_srli_epi16(_mm_mullo_epi16(_mm_sub_epi16(c263, hi), c241), 12);
		/* a 32-bit lane holds a pair: the first grey low, the second high */
		lo = _mm_or_si128(_mm_and_si128(_mm_slli_epi32(lo, 4), high), _mm_srli_epi32(lo, 16));
		hi = _mm_or_si128(_mm_and_si128(_mm_slli_epi32(hi, 4), high), _mm_srli_epi32(hi, 16));
		__m128i packed = _mm_packs_epi32(lo, hi);
		_mm_storel_epi64((__m128i *)(void *)(out + x / 2), _mm_packus_epi16(packed, packed));
	}
#else
	(void)row, (void)width, (void)paper, (void)pair, (void)out;
#endif
	return x;
}

/* The W pixels of ink of ROW as (W + 1) / 2 bytes of two 4-bit greys at
 * OUT (grey = 255 - alpha). */
static void S_pack_ink(const unsigned char *row, int width, unsigned char *out)
{
	/* most of a row of text is paper, the colour of its first pixel:
	 * eight such pixels become four bytes at once */
	uint64_t paper = 0x0101010101010101ull * row[0], w;
	unsigned char pair = S_pair(row[0], row[0]);
	int x = S_pack16(row, width, row[0], pair, out);
	for (; x + 8 <= width; x += 8) {
		unsigned char *o = out + x / 2;
		memcpy(&w, row + x, 8);
		if (w == paper) {
			o[0] = o[1] = o[2] = o[3] = pair;
			continue;
		}
		for (int k = 0; k < 8; k += 2)
			o[k / 2] = S_pair(row[x + k], row[x + k + 1]);
	}
	for (; x + 1 < width; x += 2)
		out[x / 2] = S_pair(row[x], row[x + 1]);
	if (x < width)
		out[x / 2] = (unsigned char)(S_grey4(row[x]) << 4);
}

/* Filter Up: each of the N bytes of ROW less the one above it. */
static void S_up(const unsigned char *row, const unsigned char *above, size_t n,
                 unsigned char *out)
{
	size_t i = 0;
#ifdef __SSE2__
	for (; i + 16 <= n; i += 16) {
		__m128i r = _mm_loadu_si128((const __m128i *)(const void *)(row + i));
		__m128i a = _mm_loadu_si128((const __m128i *)(const void *)(above + i));
		_mm_storeu_si128((__m128i *)(void *)(out + i), _mm_sub_epi8(r, a));
	}
#endif
	for (; i < n; i++)
		out[i] = (unsigned char)(row[i] - above[i]);
}

/* One row of RGB pixels from cairo's native-endian xRGB words as filtered
 * bytes (filter Sub: flat colour becomes runs of zeros). */
static void S_filter_rgb(const unsigned char *row, int width, unsigned char *out)
{
	out[0] = 1;      /* Sub */
	const uint32_t *px = (const uint32_t *)(const void *)row;
	unsigned char pr = 0, pg = 0, pb = 0;
	unsigned char *o = out + 1;
	for (int x = 0; x < width; x++) {
		unsigned char r = (unsigned char)(px[x] >> 16);
		unsigned char g = (unsigned char)(px[x] >> 8);
		unsigned char b = (unsigned char)px[x];
		*o++ = (unsigned char)(r - pr);
		*o++ = (unsigned char)(g - pg);
		*o++ = (unsigned char)(b - pb);
		pr = r, pg = g, pb = b;
	}
}

/* A zlib stream of one fixed-Huffman deflate block (RFC 1950, 1951) that
 * codes each run of a repeated byte as copies at distance 1 and everything
 * else as literals: on filtered cover rows, mostly zeros, it is several
 * times faster than zlib's own run-length mode, and the Adler-32 of a run
 * has a closed form.  Bytes are fed in pieces; a run may span pieces. */

/* The running state: a piece is coded with it in a local variable, whose
 * fields the compiler keeps in registers (in *z, each byte written out
 * could alias them, and they were read back from memory for every
 * symbol: half the coder's time). */
struct zstate {
	unsigned char *o;     /* where the next whole word of bits goes */
	uint64_t acc;         /* bits not yet written, the first lowest */
	int nbits;
	uint64_t a, b;        /* Adler-32 sums, reduced now and then */
	size_t unreduced;     /* bytes summed since the last reduction */
	int prev;             /* the last byte fed, -1 before the first */
};

struct zout {
	unsigned char *out;
	struct zstate s;
	uint32_t code[288];   /* the fixed literal/length codes, bit-reversed */
	uint8_t code_len[288];
	uint32_t copy[259];     /* a copy of length 3..258 at distance 1: its */
	uint8_t copy_bits[259]; /* length code, extra bits and distance code */
};

#define ADLER_MOD 65521u
/* The sums stay far below 2^64 between reductions (after each MiB fed, so
 * at most 2 MiB apart: A stays under 2^30, B under 2^50), so a run is
 * summed without a division. */
#define ADLER_PERIOD ((size_t)1 << 20)

/* Deflate's copy lengths: the first length of each code and its extra bits
 * (RFC 1951, 3.2.5). */
static const uint16_t S_len_base[29] = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27,
	31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
static const uint8_t S_len_extra[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
	3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};

/* Put the N low bits of V; whole 32-bit words go out at once (a code and
 * its extra bits are at most 18 bits, so 64 never overflow). */
static inline void S_put(struct zstate *s, uint32_t v, int n)
{
	s->acc |= (uint64_t)v << s->nbits;
	s->nbits += n;
	if (s->nbits >= 32) {
		s->o[0] = (unsigned char)s->acc;
		s->o[1] = (unsigned char)(s->acc >> 8);
		s->o[2] = (unsigned char)(s->acc >> 16);
		s->o[3] = (unsigned char)(s->acc >> 24);
		s->o += 4;
		s->acc >>= 32;
		s->nbits -= 32;
	}
}

/* Huffman codes go most significant bit first into a stream that is read
 * least significant bit first. */
static uint32_t S_reverse(uint32_t code, int n)
{
	uint32_t r = 0;
	for (int i = 0; i < n; i++, code >>= 1)
		r = (r << 1) | (code & 1);
	return r;
}

/* Start a stream into OUT (room for every byte as a 9-bit literal). */
static void S_zstart(struct zout *z, unsigned char *out)
{
	memset(z, 0, sizeof *z);
	z->out = out;
	z->s.o = out + 2;
	z->s.a = 1;
	z->s.prev = -1;
	for (uint32_t v = 0; v < 288; v++) {
		int n = v < 144 ? 8 : v < 256 ? 9 : v < 280 ? 7 : 8;
		uint32_t c = v < 144 ? 0x30 + v : v < 256 ? 0x190 + v - 144
		           : v < 280 ? v - 256 : 0xc0 + v - 280;
		z->code[v] = S_reverse(c, n);
		z->code_len[v] = (uint8_t)n;
	}
	for (int i = 0, len = 3; len <= 258; len++) {
		while (i < 28 && S_len_base[i + 1] <= len)
			i++;
		/* then distance code 0 (distance 1): five zero bits */
		int clen = z->code_len[257 + i];
		z->copy[len] = z->code[257 + i] | (uint32_t)(len - S_len_base[i]) << clen;
		z->copy_bits[len] = (uint8_t)(clen + S_len_extra[i] + 5);
	}
	out[0] = 0x78;  /* deflate, 32 KiB window */
	out[1] = 0x01;  /* fastest; header check bits */
	S_put(&z->s, 1, 1);         /* final block */
	S_put(&z->s, 1, 2);         /* fixed Huffman codes */
}

static inline void S_symbol(const struct zout *z, struct zstate *s, unsigned v)
{
	S_put(s, z->code[v], z->code_len[v]);
}

static inline void S_reduce(struct zstate *s, size_t fed)
{
	s->unreduced += fed;
	if (s->unreduced >= ADLER_PERIOD) {
		s->a %= ADLER_MOD;
		s->b %= ADLER_MOD;
		s->unreduced = 0;
	}
}

/* A literal V. */
static inline void S_literal(const struct zout *z, struct zstate *s, unsigned v)
{
	S_symbol(z, s, v);
	s->a += v;
	s->b += s->a;
	s->prev = (int)v;
}

/* N (>= 3, under ADLER_PERIOD) more bytes equal to the last one: copies
 * from distance 1. */
static inline void S_repeat(const struct zout *z, struct zstate *s, size_t n)
{
	uint64_t v = (uint64_t)s->prev;
	s->b += n * s->a + v * ((uint64_t)n * (n + 1) / 2);
	s->a += n * v;
	while (n >= 3) {
		/* a tail of 1 or 2 after a 258 copy would need literals: shorten */
		unsigned len = n > 258 ? (n - 258 < 3 ? (unsigned)n - 3 : 258) : (unsigned)n;
		S_put(s, z->copy[len], z->copy_bits[len]);
		n -= len;
	}
}

/* How many of the N bytes at D equal V, from the first on.  Eight bytes
 * are compared at once; where they differ, the first byte that does is
 * found from the lowest set bit of their difference (little-endian). */
static inline size_t S_run(const unsigned char *d, size_t n, unsigned char v)
{
	size_t r = 0;
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t pat = 0x0101010101010101ull * v, w;
	for (; r + 8 <= n; r += 8) {
		memcpy(&w, d + r, 8);
		if (w != pat)
			return r + (size_t)(__builtin_ctzll(w ^ pat) >> 3);
	}
#endif
	while (r < n && d[r] == v)
		r++;
	return r;
}

/* Feed N (under ADLER_PERIOD) bytes of D: a run of 3 or more bytes equal
 * to the one before is copied, a shorter one is literals.  The sums are
 * reduced once a piece, after it. */
static void S_zbytes(struct zout *z, const unsigned char *d, size_t n)
{
	struct zstate s = z->s;
	for (size_t i = 0; i < n;) {
		unsigned v = d[i];
		size_t r = (int)v == s.prev ? S_run(d + i, n - i, (unsigned char)v) : 0;
		if (r >= 3) {
			S_repeat(z, &s, r);
			i += r;
		} else {
			S_literal(z, &s, v);
			i++;
		}
	}
	S_reduce(&s, n);
	z->s = s;
}

/* Feed N (under ADLER_PERIOD) zeros. */
static void S_zzeros(struct zout *z, size_t n)
{
	struct zstate s = z->s;
	size_t fed = n;
	if (s.prev != 0 && n) {
		S_literal(z, &s, 0);
		n--;
	}
	if (n >= 3)
		S_repeat(z, &s, n);
	else
		while (n--)
			S_literal(z, &s, 0);
	S_reduce(&s, fed);
	z->s = s;
}

/* End the stream; returns its length. */
static size_t S_zfinish(struct zout *z)
{
	struct zstate *s = &z->s;
	S_symbol(z, s, 256);       /* end of block */
	for (; s->nbits > 0; s->nbits -= 8) {   /* the last bits, padded to a byte */
		*s->o++ = (unsigned char)s->acc;
		s->acc >>= 8;
	}
	S_be32(s->o, (uint32_t)((s->b % ADLER_MOD) << 16 | (s->a % ADLER_MOD)));
	return (size_t)(s->o - z->out) + 4;
}

/* The IDAT data: each row filtered and fed to the coder as it comes.  A
 * row equal to the one above is filtered Up: all zeros.  A row of ink is
 * packed, and filtered Up from the row above once packed (the first,
 * None): where a stroke or the paper goes on from the row above, zeros, a
 * quarter fewer symbols to code than the greys themselves. */
static unsigned char *S_idat(const unsigned char *pixels, int width, int height, int stride,
                             enum epub_pixels fmt, size_t *len)
{
	int ink = fmt == EPUB_PIXELS_INK;
	size_t row = 1 + (ink ? ((size_t)width + 1) / 2 : (size_t)width * 3);
	if (ink)
		S_grey_init();
	size_t raw = row * (size_t)height;
	/* the worst case is 9 bits a byte; only the pages written are touched */
	unsigned char *out = galley_xmalloc(raw + raw / 8 + 64);
	unsigned char *filtered = galley_xmalloc(row);
	/* the row of ink being packed, and the last one packed */
	unsigned char *cur = galley_xmalloc(row), *last = galley_xmalloc(row);
	struct zout *z = galley_xmalloc(sizeof *z);
	S_zstart(z, out);
	size_t in_bytes = (size_t)width * (ink ? 1 : 4);
	for (int y = 0; y < height; y++) {
		const unsigned char *px = pixels + (size_t)y * (size_t)stride;
		if (y && memcmp(px, px - stride, in_bytes) == 0) {
			S_zbytes(z, (const unsigned char *)"\2", 1);  /* Up */
			S_zzeros(z, row - 1);
			continue;
		}
		if (!ink) {
			S_filter_rgb(px, width, filtered);
		} else if (y == 0) {
			filtered[0] = 0;     /* None */
			S_pack_ink(px, width, last);
			memcpy(filtered + 1, last, row - 1);
		} else {
			S_pack_ink(px, width, cur);
			filtered[0] = 2;     /* Up */
			S_up(cur, last, row - 1, filtered + 1);
			unsigned char *t = last;
			last = cur;
			cur = t;
		}
		S_zbytes(z, filtered, row);
	}
	*len = S_zfinish(z);
	free(z);
	free(cur);
	free(last);
	free(filtered);
	return out;
}

char *epub_png_encode(const unsigned char *pixels, int width, int height, int stride,
                      enum epub_pixels fmt, size_t *len)
{
	size_t idat_len;
	unsigned char *idat = S_idat(pixels, width, height, stride, fmt, &idat_len);
	galley_buf out = GALLEY_BUF_INIT;
	galley_buf_put(&out, "\x89PNG\r\n\x1a\n", 8);
	unsigned char ihdr[13];
	S_be32(ihdr, (uint32_t)width);
	S_be32(ihdr + 4, (uint32_t)height);
	ihdr[8] = fmt == EPUB_PIXELS_INK ? 4 : 8;   /* bits per sample */
	ihdr[9] = fmt == EPUB_PIXELS_INK ? 0 : 2;   /* greyscale or truecolour */
	ihdr[10] = ihdr[11] = ihdr[12] = 0;
	S_chunk(&out, "IHDR", ihdr, sizeof ihdr);
	S_chunk(&out, "IDAT", idat, idat_len);
	S_chunk(&out, "IEND", NULL, 0);
	free(idat);
	*len = out.len;
	return galley_buf_detach(&out);
}
