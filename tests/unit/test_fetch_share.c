/* test_fetch_share.c — what the processes of a batch share about fetching
 * (src/fetch_share.c): of many workers finding one host down at once,
 * exactly one is first (and names it); the transfers at once are counted
 * for all of them; the tokens of a worker that died come back. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "fetch.h"

static void test_private(void **state)
{
	(void)state;
	/* no batch: a table of the process's own, and no limit on tokens */
	assert_false(galley_fetch_host_is_down("example.org"));
	assert_true(galley_fetch_host_down("example.org"));
	assert_false(galley_fetch_host_down("example.org"));
	assert_true(galley_fetch_host_is_down("example.org"));
	assert_false(galley_fetch_host_is_down("example.org:8080"));
	for (int i = 0; i < 3 * GALLEY_FETCH_PARALLEL; i++)
		assert_true(galley_fetch_token_take());
	galley_fetch_share_end();
	assert_false(galley_fetch_host_is_down("example.org"));
}

#define RACERS 16

static void test_one_first_of_many_workers(void **state)
{
	(void)state;
	galley_fetch_share_begin();
	pid_t pids[RACERS];
	for (int i = 0; i < RACERS; i++) {
		pids[i] = fork();
		assert_true(pids[i] >= 0);
		if (pids[i] == 0) {
			galley_fetch_share_worker(i);
			/* each finds twenty hosts down; the exit status counts the
			 * ones it was first to find */
			int first = 0;
			for (int h = 0; h < 20; h++) {
				char host[32];
				snprintf(host, sizeof host, "host%d.example:%d", h, 80 + h);
				first += galley_fetch_host_down(host);
			}
			_exit(first);
		}
	}
	int firsts = 0;
	for (int i = 0; i < RACERS; i++) {
		int status = 0;
		assert_int_equal(waitpid(pids[i], &status, 0), pids[i]);
		assert_true(WIFEXITED(status));
		firsts += WEXITSTATUS(status);
	}
	assert_int_equal(firsts, 20);
	/* and the parent, which forked them, sees what they found */
	assert_true(galley_fetch_host_is_down("host7.example:87"));
	assert_false(galley_fetch_host_is_down("host7.example:88"));
	galley_fetch_share_end();
}

static void test_tokens_shared_and_reclaimed(void **state)
{
	(void)state;
	galley_fetch_share_begin();
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		/* worker 3 takes every token and dies holding them */
		galley_fetch_share_worker(3);
		int got = 0;
		while (got <= GALLEY_FETCH_PARALLEL && galley_fetch_token_take())
			got++;
		_exit(got);
	}
	int status = 0;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_int_equal(WEXITSTATUS(status), GALLEY_FETCH_PARALLEL);
	galley_fetch_share_worker(0);
	assert_false(galley_fetch_token_take());
	galley_fetch_share_reclaim(3);
	for (int i = 0; i < GALLEY_FETCH_PARALLEL; i++)
		assert_true(galley_fetch_token_take());
	assert_false(galley_fetch_token_take());
	galley_fetch_token_give();
	assert_true(galley_fetch_token_take());
	galley_fetch_share_end();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_private),
		cmocka_unit_test(test_one_first_of_many_workers),
		cmocka_unit_test(test_tokens_shared_and_reclaimed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
