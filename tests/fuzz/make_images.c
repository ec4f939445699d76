/* make_images.c — made the WebP, GIF and AVIF fixtures of tests/fuzz/images
 * (photo.webp, anim.webp, frames.gif, photo.avif) with the encoders of the
 * libraries galley decodes them with: colour bands with a dark diagonal,
 * 48 x 32; the animations' first frames have a transparent middle.
 *   cc -o make_images tests/fuzz/make_images.c \
 *      $(pkg-config --cflags --libs libwebp libwebpmux libgif libavif)
 *   (cd tests/fuzz/images && ../../../make_images) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <webp/encode.h>
#include <webp/mux.h>
#include <gif_lib.h>
#include <avif/avif.h>

#define W 48
#define H 32
static unsigned char px[W*H*4];
static void paint(int shift, int alpha_hole) {
  for (int y=0;y<H;y++) for(int x=0;x<W;x++){
    unsigned char *p=px+4*(y*W+x);
    int band=((x+shift)/16)%3;
    p[0]=band==0?220:40; p[1]=band==1?180:60; p[2]=band==2?200:50; p[3]=255;
    if (abs(x*H/W - y) < 2) { p[0]=p[1]=p[2]=20; }
    if (alpha_hole && x>W/3 && x<2*W/3 && y>H/3 && y<2*H/3) p[3]=0;
  }
}
static void put(const char *f, const void *d, size_t n){FILE*o=fopen(f,"wb");fwrite(d,1,n,o);fclose(o);}
int main(void){
  uint8_t *out; size_t n;
  paint(0,0);
  n=WebPEncodeRGBA(px,W,H,W*4,60,&out); put("photo.webp",out,n); WebPFree(out);
  /* animated WebP: two frames */
  WebPAnimEncoderOptions ao; WebPAnimEncoderOptionsInit(&ao);
  WebPAnimEncoder *enc=WebPAnimEncoderNew(W,H,&ao);
  WebPConfig cfg; WebPConfigInit(&cfg); cfg.lossless=1;
  WebPPicture pic; WebPPictureInit(&pic); pic.width=W; pic.height=H; pic.use_argb=1;
  paint(0,1); WebPPictureImportRGBA(&pic,px,W*4); WebPAnimEncoderAdd(enc,&pic,0,&cfg);
  paint(16,0); WebPPictureImportRGBA(&pic,px,W*4); WebPAnimEncoderAdd(enc,&pic,500,&cfg);
  WebPAnimEncoderAdd(enc,NULL,1000,NULL);
  WebPData wd; WebPDataInit(&wd); WebPAnimEncoderAssemble(enc,&wd);
  put("anim.webp",wd.bytes,wd.size); WebPDataClear(&wd); WebPAnimEncoderDelete(enc); WebPPictureFree(&pic);
  /* GIF: two frames, the first interlaced with a transparent centre */
  int err;
  GifFileType *g=EGifOpenFileName("frames.gif",0,&err);
  GifColorType cols[8]={{255,255,255},{220,60,50},{40,180,50},{40,60,200},{20,20,20},{0,0,0},{0,0,0},{0,0,0}};
  ColorMapObject *map=GifMakeMapObject(8,cols);
  EGifSetGifVersion(g,1);
  EGifPutScreenDesc(g,W,H,3,0,map);
  for (int fr=0;fr<2;fr++){
    GraphicsControlBlock gcb={0,0,50,fr==0?0:-1}; GifByteType ext[4];
    size_t el=EGifGCBToExtension(&gcb,ext); EGifPutExtension(g,GRAPHICS_EXT_FUNC_CODE,el,ext);
    EGifPutImageDesc(g,0,0,W,H,fr==0,NULL);
    paint(fr*16,1);
    static const int start[]={0,4,2,1}, step[]={8,8,4,2};
    int passes=fr==0?4:1;
    for(int p=0;p<passes;p++) for(int y=passes==1?0:start[p];y<H;y+=passes==1?1:step[p]){
      GifPixelType line[W];
      for(int x=0;x<W;x++){unsigned char*q=px+4*(y*W+x);
        line[x]= q[3]==0?0: q[0]==20?4: q[0]==220?1: q[1]==180?2:3;}
      EGifPutLine(g,line,W);
    }
  }
  EGifCloseFile(g,&err); GifFreeMapObject(map);
  /* AVIF */
  paint(0,0);
  avifImage *img=avifImageCreate(W,H,8,AVIF_PIXEL_FORMAT_YUV420);
  avifRGBImage rgb; avifRGBImageSetDefaults(&rgb,img); rgb.format=AVIF_RGB_FORMAT_RGBA; rgb.pixels=px; rgb.rowBytes=W*4;
  avifImageRGBToYUV(img,&rgb);
  avifEncoder *e=avifEncoderCreate(); e->speed=8; e->minQuantizer=20; e->maxQuantizer=40;
  avifRWData o=AVIF_DATA_EMPTY;
  avifResult r=avifEncoderWrite(e,img,&o); if(r!=AVIF_RESULT_OK){fprintf(stderr,"avif %s\n",avifResultToString(r));return 1;}
  put("photo.avif",o.data,o.size); avifRWDataFree(&o); avifEncoderDestroy(e); avifImageDestroy(img);
  return 0;
}
