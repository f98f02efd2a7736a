/* The C side of docs/BENCHMARKS.md ("The floor of any FFM implementation here"):
 * cc -O2 -pthread -o floor-c floor-c.c && ./floor-c single 300 (or threaded-raw 300). */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <pthread.h>
#include <time.h>
static long long now(void){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec*1000000000LL+t.tv_nsec;}
static void *idle(void *u){(void)u;for(;;)pause();return NULL;}
static int raw;
static void snd(int fd,char*b){ if(raw) syscall(SYS_sendto,fd,b,12,MSG_NOSIGNAL,0,0); else send(fd,b,12,MSG_NOSIGNAL);}
static void rcv(int fd,char*b){ if(raw) syscall(SYS_recvfrom,fd,b,12,0,0,0); else recv(fd,b,12,0);}
int main(int argc,char**argv){ /* cmin MODE WINDOWS: min ns/rt over WINDOWS windows of 20 ms */
 int threaded=strstr(argv[1],"threaded")!=0; raw=strstr(argv[1],"raw")!=0;
 if(threaded){pthread_t t;pthread_create(&t,NULL,idle,NULL);}
 int fds[2];socketpair(AF_UNIX,SOCK_SEQPACKET,0,fds);char b[12]={0};
 double best=1e18; long long end0=now()+300000000LL; while(now()<end0){snd(fds[0],b);rcv(fds[1],b);snd(fds[1],b);rcv(fds[0],b);}
 for(int w=0;w<atoi(argv[2]);w++){long long s=now();long n=0;while(now()-s<20000000LL){for(int i=0;i<100;i++){snd(fds[0],b);rcv(fds[1],b);snd(fds[1],b);rcv(fds[0],b);}n+=100;}
  double ns=(double)(now()-s)/n; if(ns<best)best=ns;}
 printf("%s min %.0f\n",argv[1],best);}
