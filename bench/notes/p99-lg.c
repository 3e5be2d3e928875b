// lg PORT PATH CONNS SECONDS: keep-alive GET load; prints latency percentiles and the "rank" of each response:
// how many other responses completed between its request and its response (FIFO-fair with N connections: < N).
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <fcntl.h>
#include <time.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
typedef struct { int fd; long long sent_ns; long seq_at_send; long done; char head[4096]; int headlen; long body_left; int in_body; } conn;
static long long now_ns(void){ struct timespec t; clock_gettime(CLOCK_MONOTONIC,&t); return t.tv_sec*1000000000LL+t.tv_nsec; }
static int cmpll(const void*a,const void*b){ long long x=*(long long*)a,y=*(long long*)b; return x<y?-1:x>y; }
static char req[256]; static int reqlen; static long completed=0;
static long long *lat; static long long *rank; static long nrec=0, cap=0; static int recording=0;
static void sendreq(conn*c){ c->sent_ns=now_ns(); c->seq_at_send=completed; c->headlen=0; c->in_body=0;
  if (write(c->fd,req,reqlen)!=reqlen){ perror("write"); exit(1);} }
int main(int argc,char**argv){
  int port=atoi(argv[1]); const char*path=argv[2]; int n=atoi(argv[3]); double secs=atof(argv[4]);
  reqlen=snprintf(req,sizeof req,"GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",path);
  cap=10000000; lat=malloc(cap*8); rank=malloc(cap*8);
  int ep=epoll_create1(0); conn*cs=calloc(n,sizeof(conn));
  struct sockaddr_in sa={.sin_family=AF_INET,.sin_port=htons(port)}; inet_pton(AF_INET,"127.0.0.1",&sa.sin_addr);
  for(int i=0;i<n;i++){ int fd=socket(AF_INET,SOCK_STREAM,0); if(connect(fd,(void*)&sa,sizeof sa)){perror("connect");return 1;}
    int one=1; setsockopt(fd,IPPROTO_TCP,TCP_NODELAY,&one,sizeof one); fcntl(fd,F_SETFL,O_NONBLOCK); cs[i].fd=fd;
    struct epoll_event ev={.events=EPOLLIN,.data.ptr=&cs[i]}; epoll_ctl(ep,EPOLL_CTL_ADD,fd,&ev); }
  static char buf[262144]; struct epoll_event evs[256];
  for(int i=0;i<n;i++) sendreq(&cs[i]);
  long long start=now_ns(), warm_end=start+(long long)(1e9), end=warm_end+(long long)(secs*1e9); long long rec_start=0;
  while(1){ long long t=now_ns(); if(t>=end) break; if(!recording && t>=warm_end){ recording=1; rec_start=t; }
    int k=epoll_wait(ep,evs,256,100);
    for(int e=0;e<k;e++){ conn*c=evs[e].data.ptr;
      while(1){ ssize_t r=read(c->fd,buf,sizeof buf); if(r<0){ if(errno==EAGAIN) break; perror("read"); return 1;} if(r==0){ fprintf(stderr,"closed\n"); return 1;}
        ssize_t off=0;
        while(off<r){
          if(!c->in_body){ while(off<r && c->headlen<(int)sizeof(c->head)-1){ c->head[c->headlen++]=buf[off++]; if(c->headlen>=4 && !memcmp(c->head+c->headlen-4,"\r\n\r\n",4)) break; }
            c->head[c->headlen]=0; if(c->headlen>=4 && !memcmp(c->head+c->headlen-4,"\r\n\r\n",4)){ char*cl=strcasestr(c->head,"content-length:"); c->body_left=cl?atol(cl+15):0; c->in_body=1; } else continue; }
          long take = (r-off) < c->body_left ? (r-off) : c->body_left; off+=take; c->body_left-=take;
          if(c->body_left==0){ completed++; c->done++; long long t2=now_ns();
            if(recording && nrec<cap){ lat[nrec]=t2-c->sent_ns; rank[nrec]=completed-1-c->seq_at_send; nrec++; }
            if(off<r){ fprintf(stderr,"extra bytes\n"); return 1;} sendreq(c); }
        } } } }
  double el=(now_ns()-rec_start)/1e9;
  qsort(lat,nrec,8,cmpll); qsort(rank,nrec,8,cmpll);
  #define P(a,p) a[(long)((nrec-1)*(p))]
  printf("reqs=%ld rps=%.0f lat_ms p50=%.2f p90=%.2f p99=%.2f p999=%.2f max=%.2f rank p50=%lld p99=%lld p999=%lld max=%lld\n", nrec, nrec/el,
    P(lat,.5)/1e6,P(lat,.9)/1e6,P(lat,.99)/1e6,P(lat,.999)/1e6,lat[nrec-1]/1e6, P(rank,.5),P(rank,.99),P(rank,.999),rank[nrec-1]);
  return 0; }
