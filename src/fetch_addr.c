/* fetch_addr.c — which addresses galley connects to only with
 * --allow-private: loopback, private, shared, link-local, multicast and
 * reserved ranges, in IPv4 and IPv6 (issue 20: a page must not make
 * galley read a router's admin page or a cloud's metadata service). */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "fetch.h"

/* The IPv4 address A (host order) is not a public host's. */
static int S_v4_private(uint32_t a)
{
	static const struct { uint32_t net; int bits; } nets[] = {
		{0x00000000, 8},    /* "this network" */
		{0x0A000000, 8},    /* private */
		{0x64400000, 10},   /* shared (carrier NAT) */
		{0x7F000000, 8},    /* loopback */
		{0xA9FE0000, 16},   /* link-local, cloud metadata */
		{0xAC100000, 12},   /* private */
		{0xC0000000, 24},   /* IETF protocol assignments */
		{0xC0A80000, 16},   /* private */
		{0xC6120000, 15},   /* benchmarking */
		{0xE0000000, 4},    /* multicast */
		{0xF0000000, 4},    /* reserved, broadcast */
	};
	for (size_t i = 0; i < sizeof nets / sizeof *nets; i++)
		if ((a >> (32 - nets[i].bits)) == (nets[i].net >> (32 - nets[i].bits)))
			return 1;
	return 0;
}

static int S_v6_private(const unsigned char *b)
{
	static const unsigned char zero[16];
	if (memcmp(b, zero, 15) == 0 && (b[15] == 0 || b[15] == 1))
		return 1;                                   /* :: and ::1 */
	/* IPv4-mapped (::ffff:a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) carry an
	 * IPv4 address, judged as such */
	static const unsigned char mapped[12] = {0,0,0,0,0,0,0,0,0,0,0xff,0xff};
	static const unsigned char nat64[12] = {0,0x64,0xff,0x9b};
	if (memcmp(b, mapped, 12) == 0 || memcmp(b, nat64, 12) == 0)
		return S_v4_private((uint32_t)b[12] << 24 | (uint32_t)b[13] << 16 |
		                    (uint32_t)b[14] << 8 | b[15]);
	return (b[0] & 0xfe) == 0xfc                    /* unique local */
	    || (b[0] == 0xfe && (b[1] & 0xc0) == 0x80)  /* link-local */
	    || (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0)  /* site-local */
	    || b[0] == 0xff;                            /* multicast */
}

int galley_addr_is_private(const void *addr, size_t len, char *text)
{
	const struct sockaddr *sa = addr;
	if (sa->sa_family == AF_INET && len >= sizeof(struct sockaddr_in)) {
		const struct sockaddr_in *in = addr;
		inet_ntop(AF_INET, &in->sin_addr, text, 64);
		return S_v4_private(ntohl(in->sin_addr.s_addr));
	}
	if (sa->sa_family == AF_INET6 && len >= sizeof(struct sockaddr_in6)) {
		const struct sockaddr_in6 *in6 = addr;
		inet_ntop(AF_INET6, &in6->sin6_addr, text, 64);
		return S_v6_private(in6->sin6_addr.s6_addr);
	}
	strcpy(text, "a non-IP address");
	return 1;   /* unix sockets and the like are never a web host */
}
