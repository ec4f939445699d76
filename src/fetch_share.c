/* fetch_share.c — what the processes of one run know together about
 * fetching (issue 20): the hosts found down, named once and never asked
 * again, and the transfers at once, GALLEY_FETCH_PARALLEL for the whole
 * run rather than for each of a batch's workers.
 *
 * How: `galley batch` calls galley_fetch_share_begin before it forks its
 * workers, which maps one anonymous shared page: the workers inherit it,
 * and it vanishes with the last of them, so a killed batch leaves nothing
 * behind (no file, no lock).  Everything in it is a C11 atomic: a host
 * is marked down by a compare-and-swap of its 64-bit hash into an open
 * table, so of two workers finding it down at once exactly one is first
 * (and names it); a transfer takes a token from a counter and gives it
 * back when it ends.  The tokens each worker holds are counted too, so
 * the parent gives back those of a worker that died holding some
 * (galley_fetch_share_reclaim) and the others never wait for them.
 * Without a batch (galley pdf, epub) the same table is private to the
 * process and there are no tokens to take. */
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "fetch.h"
#include "util.h"

/* Hosts a run can know down; past that, a down host is named for each
 * article (never a wrong answer, only more warnings). */
#define HOSTS 1024
/* Workers whose tokens are counted (batch caps -j at 256). */
#define WORKERS 256

struct share {
	atomic_uint_fast64_t down[HOSTS];   /* hash of "host[:port]", 0 = free */
	atomic_int tokens;                  /* transfers that may still start */
	atomic_int held[WORKERS];           /* tokens each worker holds */
};

static struct share *S_area;   /* the shared page, or a private table */
static int S_shared;           /* S_area is a batch's, with tokens */
static int S_me;               /* this worker's number in the batch */

static struct share *S_get(void)
{
	if (!S_area)
		S_area = galley_xcalloc(1, sizeof *S_area);
	return S_area;
}

void galley_fetch_share_begin(void)
{
	void *m = mmap(NULL, sizeof(struct share), PROT_READ | PROT_WRITE,
	               MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		return;   /* each worker then has its own table and no tokens */
	struct share *s = m;   /* zeroed by the kernel: no host down */
	atomic_store(&s->tokens, GALLEY_FETCH_PARALLEL);
	if (S_area && !S_shared)
		free(S_area);
	S_area = s;
	S_shared = 1;
}

void galley_fetch_share_worker(int n)
{
	S_me = n >= 0 && n < WORKERS ? n : 0;
}

void galley_fetch_share_reclaim(int n)
{
	if (S_shared && n >= 0 && n < WORKERS)
		atomic_fetch_add(&S_area->tokens, atomic_exchange(&S_area->held[n], 0));
}

void galley_fetch_share_end(void)
{
	if (S_shared)
		munmap(S_area, sizeof(struct share));
	else
		free(S_area);
	S_area = NULL;
	S_shared = 0;
}

int galley_fetch_token_take(void)
{
	if (!S_shared)
		return 1;
	/* counted as held first: a worker killed between the two steps
	 * leaves one token too many, never one too few (a stall) */
	atomic_fetch_add(&S_area->held[S_me], 1);
	int t = atomic_load(&S_area->tokens);
	while (t > 0)
		if (atomic_compare_exchange_weak(&S_area->tokens, &t, t - 1))
			return 1;
	atomic_fetch_sub(&S_area->held[S_me], 1);
	return 0;
}

void galley_fetch_token_give(void)
{
	if (!S_shared)
		return;
	atomic_fetch_sub(&S_area->held[S_me], 1);
	atomic_fetch_add(&S_area->tokens, 1);
}

static uint64_t S_hash(const char *host)
{
	uint64_t h = galley_fnv1a(GALLEY_FNV1A_INIT, host, strlen(host));
	return h ? h : 1;   /* 0 marks a free entry */
}

/* What one open-addressing probe of the down-host table found. */
enum probe { PROBE_FOUND, PROBE_PLACED, PROBE_ABSENT, PROBE_FULL };

/* Walks the table from the host's slot: finds the host, or at the first
 * free slot either stops (asking) or claims it (telling).  Claiming is a
 * compare-and-swap, so of two processes telling at once only one places it. */
static enum probe S_probe(const char *host, int place)
{
	struct share *s = S_get();
	uint64_t h = S_hash(host);
	for (size_t i = 0, at = h % HOSTS; i < HOSTS; i++, at = (at + 1) % HOSTS) {
		uint_fast64_t v = 0;
		if (place && atomic_compare_exchange_strong(&s->down[at], &v, h))
			return PROBE_PLACED;
		if (!place)
			v = atomic_load(&s->down[at]);
		if (v == h)
			return PROBE_FOUND;
		if (v == 0)
			return PROBE_ABSENT;
	}
	return PROBE_FULL;
}

int galley_fetch_host_is_down(const char *host)
{
	return host && S_probe(host, 0) == PROBE_FOUND;
}

int galley_fetch_host_down(const char *host)
{
	if (!host)
		return 1;
	/* Placed by us: the first to know.  Found: another process, or
	 * transfer, was first.  Full table: named again, never lost. */
	return S_probe(host, 1) != PROBE_FOUND;
}
